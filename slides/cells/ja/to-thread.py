# デモ: 同期のコードをスレッドへ（asgiref と requests は代役）
import asyncio, requests
from asgiref.sync import sync_to_async

SEARCH = "api/slow?delay=1000"

def search(url):  # ふつうの同期関数。ブロックする
    return requests.get(url).status_code

# await できる関数に。本体は別のスレッドで動く
async_search = sync_to_async(search, thread_sensitive=False)

async def long_think(secs: int):
    print("ちょっと待ってね")
    await async_search(SEARCH)  # ループは止まらない
    return secs, "ざるそば"

async def order():
    menus = await asyncio.gather(
        long_think(3), long_think(2), long_think(1))
    print(menus)

asyncio.run(order(), debug=True)  # 約 1 秒、警告なし
