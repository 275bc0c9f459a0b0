// Demo 2: create all the tasks first, then await them.
import { createTask, sleep, print, now } from 'kowakunai'

async function customer(name: string, secs: number) {
  print(`${name}: one moment…`)
  await sleep(secs)
  print(`${name}: zaru soba! @${now().toFixed(1)}s`)
  return [secs, 'zaru soba']
}

print('Your order?')
// All three are on the loop, thinking, from t = 0.
const t1 = createTask('A', customer, 'A', 1)
const t2 = createTask('B', customer, 'B', 2)
const t3 = createTask('C', customer, 'C', 3)

// While we wait for A, B and C keep thinking.
print(await t1)
print(await t2)
print(await t3)
print(`total ${now().toFixed(1)} s`) // ≈ 3 s
