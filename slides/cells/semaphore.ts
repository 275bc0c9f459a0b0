// Appendix A: 9 requests; the API refuses (429) a 4th in flight.
import { createTask, gather, get, Semaphore, print, now } from 'kowakunai'
const API = 'api/slow?delay=1000&rate_limit=1' // answers after 1 s

async function fetchOne(): Promise<number> {
  try {
    await get(API)
    return 200
  } catch (e) {
    if (String(e).includes('429')) return 429 // refused at once
    throw e
  }
}
async function nine(label: string, row: string, sem?: Semaphore) {
  const t0 = now() // sem.with(fn): like `async with sem:`
  const codes = await gather(...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) =>
    createTask(`${row} ${i}`, () => sem ? sem.with(fetchOne) : fetchOne())))
  const ok = codes.filter((c) => c === 200).length
  const secs = (now() - t0).toFixed(1)
  print(`${label}: ${ok} ok, ${9 - ok} refused, ${secs} s`)
}
await nine('all at once', 'req')
await nine('Semaphore(3)', 'sem', new Semaphore(3)) // ≈ 3 s, 3 waves
