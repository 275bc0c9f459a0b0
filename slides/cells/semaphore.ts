// Appendix A: 9 requests to a rate-limited API,
// first all at once, then with a Semaphore(3).
import {
  createTask, gather, get, Semaphore, print, now,
} from 'kowakunai'

// answers after 1 s; a 4th request in flight → 429 at once
const API = 'api/slow?delay=1000&rate_limit=1'

async function fetchOne(i: number, t0: number) {
  const at = () => `@${(now() - t0).toFixed(1)}s`
  try {
    await get(API)
    print(`#${i} ok ${at()}`)
  } catch (e) {
    if (!String(e).includes('429')) throw e
    print(`#${i} refused: 429 ${at()}`)
  }
}

async function nine(name: string, sem?: Semaphore) {
  const t0 = now()
  const tasks = []
  for (let i = 1; i <= 9; i++) {
    const one = () => fetchOne(i, t0)
    // like `async with sem:` — wait for a free slot
    tasks.push(createTask(`${name} ${i}`, sem ? () => sem.with(one) : one))
  }
  await gather(...tasks)
  print(`total ${(now() - t0).toFixed(1)} s`)
}

print('— no Semaphore —')
await nine('req')
print('— Semaphore(3) —')
await nine('sem', new Semaphore(3)) // ≈ 3 s, 3 waves
