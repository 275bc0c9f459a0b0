// In JS, calling an async function starts it.
import { sleep, print } from 'kowakunai'

async function customer(name: string) {
  print(`${name}: started`) // runs during the call
  await sleep(1)
  print(`${name}: done`)
}

const p = customer('A') // no await yet…
print('after the call') // …but A has already started
await p
