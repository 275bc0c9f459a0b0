// デモ4: async のコードにまぎれたブロッキングな HTTP クライアント
import {
  createTask, gather, blockingGet, print, now,
} from 'kowakunai'

// 「ウェブ検索」の代わり: 1 秒後に答え、
// 同時に 3 件までさばける
const SEARCH = 'api/slow?delay=1000'

async function longThink(name: string) {
  print(`${name}: ちょっと待ってね`)
  // requests.get と同じ: await がなく、ループはここで止まる
  blockingGet(SEARCH)
  return [name, 'ざるそば']
}

const menus = await gather(
  createTask('C', longThink, 'C'),
  createTask('B', longThink, 'B'),
  createTask('A', longThink, 'A'),
)
print(menus)
print(`合計 ${now().toFixed(1)} 秒`) // 約 3 秒
