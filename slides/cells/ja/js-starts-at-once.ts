// JS では、async 関数は呼んだ瞬間に動き出す
import { sleep, print } from 'kowakunai'

async function customer(name: string) {
  print(`${name}: 動き出した`) // 呼び出しの中で動く
  await sleep(1)
  print(`${name}: おしまい`)
}

const p = customer('A') // まだ await していないのに…
print('呼んだあと') // …A はもう動き出している
await p
