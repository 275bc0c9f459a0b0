// デモ5: 同じ検索を async なクライアントで
import {
  createTask, gather, get, print, now,
} from 'kowakunai'

const SEARCH = 'api/slow?delay=1000'

async function longThink(name: string) {
  print(`${name}: ちょっと待ってね`)
  // httpx の client.get と同じ: 店員さんはここで次の人へ
  await get(SEARCH)
  return [name, 'ざるそば']
}

const menus = await gather(
  createTask('A', longThink, 'A'),
  createTask('B', longThink, 'B'),
  createTask('C', longThink, 'C'),
)
print(menus)
print(`合計 ${now().toFixed(1)} 秒`) // 約 1 秒
