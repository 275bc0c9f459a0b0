// デモ3: gather の結果は渡した順
import {
  createTask, gather, sleep, print, now,
} from 'kowakunai'

async function customer(name: string, secs: number) {
  print(`${name}: ちょっと待ってね`)
  await sleep(secs)
  print(`${name}: ざるそば！（${now().toFixed(1)} 秒）`)
  return [name, secs, 'ざるそば']
}

print('ご注文は？')
const menus = await gather(
  createTask('C', customer, 'C', 3), // いちばん長い人が先
  createTask('B', customer, 'B', 2),
  createTask('A', customer, 'A', 1), // いちばん短い人が最後
)
// 終わったのは A、B、C の順。でもリストは C、B、A
print(menus)
print(`合計 ${now().toFixed(1)} 秒`) // 約 3 秒
