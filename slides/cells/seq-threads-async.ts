// Three 1-s requests: one by one, on threads, async.
import {
  gather, get, toThread, blockingGet, print, now,
} from 'kowakunai'

const API = 'api/slow?delay=1000'
const fetchSync = (url: string) => blockingGet(url)
const onThread = () => toThread(fetchSync, API)
const took = (t: number) =>
  `${(now() - t).toFixed(2)} s`

let t = now()
// like requests.get in a for loop
for (let i = 0; i < 3; i++) blockingGet(API)
print(`one by one ${took(t)}`) // ≈ 3 s

t = now()
await gather(onThread(), onThread(), onThread())
print(`threads    ${took(t)}`) // ≈ 1 s

t = now()
await gather(get(API), get(API), get(API))
print(`async      ${took(t)}`) // ≈ 1 s
