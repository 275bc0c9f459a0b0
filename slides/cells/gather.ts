// Demo 3: gather returns results in the order given.
import {
  createTask, gather, sleep, print, now,
} from 'kowakunai'

async function customer(name: string, secs: number) {
  print(`${name}: one moment…`)
  await sleep(secs)
  print(`${name}: zaru soba! @${now().toFixed(1)}s`)
  return [name, secs, 'zaru soba']
}

print('Your order?')
const menus = await gather(
  createTask('C', customer, 'C', 3), // slowest first
  createTask('B', customer, 'B', 2),
  createTask('A', customer, 'A', 1), // quickest last
)
// Finished A, B, C, yet the list comes back C, B, A.
print(menus)
print(`total ${now().toFixed(1)} s`) // ≈ 3 s
