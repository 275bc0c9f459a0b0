// Demo 4: a blocking HTTP client hidden in async code.
import {
  createTask, gather, blockingGet, print, now,
} from 'kowakunai'

// Our "web search": answers after 1 s,
// and can serve 3 requests at once.
const SEARCH = 'api/slow?delay=1000'

async function longThink(name: string) {
  print(`${name}: one moment…`)
  // Like requests.get: no await, the loop stops here.
  blockingGet(SEARCH)
  return [name, 'zaru soba']
}

const menus = await gather(
  createTask('C', longThink, 'C'),
  createTask('B', longThink, 'B'),
  createTask('A', longThink, 'A'),
)
print(menus)
print(`total ${now().toFixed(1)} s`) // ≈ 3 s
