// デモ1: 1つずつ await しても並行にはならない
import { createTask, sleep, print, now } from 'kowakunai'

// お客さんは secs 秒考えてから注文する
async function customer(name: string, secs: number) {
  print(`${name}: ちょっと待ってね`)
  await sleep(secs)
  print(`${name}: ざるそば！（${now().toFixed(1)} 秒）`)
  return [secs, 'ざるそば']
}

print('ご注文は？')
// JS は呼んだ瞬間に最初の await まで動く（Python 3.12 の
// eager task に近い）。Python の `await coro` に合わせて、
// 前の人が終わってから次のタスクを作る
const a = await createTask('A', customer, 'A', 1)
const b = await createTask('B', customer, 'B', 2)
const c = await createTask('C', customer, 'C', 3)

print(`合計 ${now().toFixed(1)} 秒`) // 約 6 秒（3 秒ではない）
export default [a, b, c]
