// Demo 5: the same searches, with an async client.
import {
  createTask, gather, get, print, now,
} from 'kowakunai'

const SEARCH = 'api/slow?delay=1000'

async function longThink(name: string) {
  print(`${name}: one moment…`)
  // Like httpx's client.get: the waiter moves on here.
  await get(SEARCH)
  return [name, 'zaru soba']
}

const menus = await gather(
  createTask('A', longThink, 'A'),
  createTask('B', longThink, 'B'),
  createTask('C', longThink, 'C'),
)
print(menus)
print(`total ${now().toFixed(1)} s`) // ≈ 1 s
