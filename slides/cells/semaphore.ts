// 9 requests, at most 3 at once (3 API workers).
import {
  createTask, gather, get, Semaphore, print, now,
} from 'kowakunai'

const API = 'api/slow?delay=1000' // answers after 1 s
const sem = new Semaphore(3)

async function fetchOne(i: number) {
  // Like `async with sem:` — wait for a free slot.
  return sem.with(async () => {
    await get(API)
    print(`#${i} done @${now().toFixed(1)}s`)
    return i
  })
}

const tasks = []
for (let i = 1; i <= 9; i++) {
  tasks.push(createTask(`req ${i}`, fetchOne, i))
}
await gather(...tasks)
print(`total ${now().toFixed(1)} s`) // ≈ 3 s, 3 waves
