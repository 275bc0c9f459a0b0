// デモ2: 先に全部のタスクを作り、それから await する
import { createTask, sleep, print, now } from 'kowakunai'

async function customer(name: string, secs: number) {
  print(`${name}: ちょっと待ってね`)
  await sleep(secs)
  print(`${name}: ざるそば！（${now().toFixed(1)} 秒）`)
  return [secs, 'ざるそば']
}

print('ご注文は？')
// 3人とも t = 0 からループに載って考えている
const t1 = createTask('A', customer, 'A', 1)
const t2 = createTask('B', customer, 'B', 2)
const t3 = createTask('C', customer, 'C', 3)

// A を待つ間も、B と C は考え続ける
print(await t1)
print(await t2)
print(await t3)
print(`合計 ${now().toFixed(1)} 秒`) // 約 3 秒
