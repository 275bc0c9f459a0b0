// Sync code sent to a thread (like sync_to_async).
import {
  createTask, gather, toThread, blockingGet, print, now,
} from 'kowakunai'

const SEARCH = 'api/slow?delay=1000'

// Blocking code on another thread: it sees only its arguments.
const search = (url: string) => blockingGet(url)

async function longThink(name: string) {
  print(`${name}: one moment…`)
  await toThread(search, SEARCH) // the loop stays free
  return [name, 'zaru soba']
}

const menus = await gather(
  createTask('A', longThink, 'A'),
  createTask('B', longThink, 'B'),
  createTask('C', longThink, 'C'),
)
print(menus)
print(`total ${now().toFixed(1)} s`) // ≈ 1 s
