// 付録 A: 回数制限のある API に 9 回。
// まず一度に全部、次に Semaphore(3) で
import {
  createTask, gather, get, Semaphore, print, now,
} from 'kowakunai'

// 1 秒後に答える。同時に 4 件目が来たら、すぐ 429
const API = 'api/slow?delay=1000&rate_limit=1'

async function fetchOne(i: number, t0: number) {
  const at = () => `（${(now() - t0).toFixed(1)} 秒）`
  try {
    await get(API)
    print(`#${i} 成功 ${at()}`)
  } catch (e) {
    if (!String(e).includes('429')) throw e
    print(`#${i} 断られた: 429 ${at()}`)
  }
}

async function nine(name: string, sem?: Semaphore) {
  const t0 = now()
  const tasks = []
  for (let i = 1; i <= 9; i++) {
    const one = () => fetchOne(i, t0)
    // `async with sem:` と同じ: 空きが出るまで待つ
    tasks.push(createTask(`${name} ${i}`, sem ? () => sem.with(one) : one))
  }
  await gather(...tasks)
  print(`合計 ${(now() - t0).toFixed(1)} 秒`)
}

print('— Semaphore なし —')
await nine('req')
print('— Semaphore(3) あり —')
await nine('sem', new Semaphore(3)) // 約 3 秒、3 つの波
