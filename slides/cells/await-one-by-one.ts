// Demo 1: awaiting one by one is not concurrent.
import { createTask, sleep, print, now } from 'kowakunai'

// A customer thinks for `secs` seconds, then orders.
async function customer(name: string, secs: number) {
  print(`${name}: one moment…`)
  await sleep(secs)
  print(`${name}: zaru soba! @${now().toFixed(1)}s`)
  return [secs, 'zaru soba']
}

print('Your order?')
// In JS a call runs at once, up to its first await
// (like an eager task in Python 3.12). To mirror
// Python's `await coro`, each task is created only
// after the previous one is done.
const a = await createTask('A', customer, 'A', 1)
const b = await createTask('B', customer, 'B', 2)
const c = await createTask('C', customer, 'C', 3)

print(`total ${now().toFixed(1)} s`) // ≈ 6 s, not 3
export default [a, b, c]
