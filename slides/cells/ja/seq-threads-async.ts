// 1 秒かかるリクエスト 3 回: 順番に、スレッドで、async で
import {
  gather, get, toThread, blockingGet, print, now,
} from 'kowakunai'

const API = 'api/slow?delay=1000'
const fetchSync = (url: string) => blockingGet(url)
const onThread = () => toThread(fetchSync, API)
const took = (t: number) =>
  `${(now() - t).toFixed(2)} 秒`

let t = now()
// for 文で requests.get を呼ぶのと同じ
for (let i = 0; i < 3; i++) blockingGet(API)
print(`順番に   ${took(t)}`) // 約 3 秒

t = now()
await gather(onThread(), onThread(), onThread())
print(`スレッド ${took(t)}`) // 約 1 秒

t = now()
await gather(get(API), get(API), get(API))
print(`async    ${took(t)}`) // 約 1 秒
