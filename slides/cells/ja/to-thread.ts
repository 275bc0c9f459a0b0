// 同期のコードをスレッドへ（sync_to_async と同じ考え方）
import {
  createTask, gather, toThread, blockingGet, print, now,
} from 'kowakunai'

const SEARCH = 'api/slow?delay=1000'

// 別スレッドで動くブロッキングなコード。見えるのは引数だけ
const search = (url: string) => blockingGet(url)

async function longThink(name: string) {
  print(`${name}: ちょっと待ってね`)
  await toThread(search, SEARCH) // ループは空いたまま
  return [name, 'ざるそば']
}

const menus = await gather(
  createTask('A', longThink, 'A'),
  createTask('B', longThink, 'B'),
  createTask('C', longThink, 'C'),
)
print(menus)
print(`合計 ${now().toFixed(1)} 秒`) // 約 1 秒
