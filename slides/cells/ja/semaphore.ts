// 付録 A: 9 回。同時に 4 件目が来ると API は断る（429）
import { createTask, gather, get, Semaphore, print, now } from 'kowakunai'
const API = 'api/slow?delay=1000&rate_limit=1' // 1 秒後に答える

async function fetchOne(): Promise<number> {
  try {
    await get(API)
    return 200
  } catch (e) {
    if (String(e).includes('429')) return 429 // すぐに断られた
    throw e
  }
}
async function nine(label: string, row: string, sem?: Semaphore) {
  const t0 = now() // sem.with(fn) は `async with sem:`
  const codes = await gather(...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) =>
    createTask(`${row} ${i}`, () => sem ? sem.with(fetchOne) : fetchOne())))
  const ok = codes.filter((c) => c === 200).length
  const secs = (now() - t0).toFixed(1)
  print(`${label}: 成功 ${ok}、断られた ${9 - ok}、${secs} 秒`)
}
await nine('一度に全部', 'req')
await nine('Semaphore(3)', 'sem', new Semaphore(3)) // 約 3 秒、3 つの波
