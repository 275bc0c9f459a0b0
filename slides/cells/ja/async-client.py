# デモ5: 同じ検索を async なクライアントで
# （ここの httpx は kowakunai の小さな代役: ページの中の
# fetch で、本物のパッケージではない）
import asyncio, httpx

SEARCH = "api/slow?delay=1000"

async def long_think(client, secs: int):
    print("ちょっと待ってね")
    res = await client.get(SEARCH)  # ここで次の人へ
    return secs, res, "ざるそば"

async def order():
    print("ご注文は？")
    async with httpx.AsyncClient() as client:
        menus = await asyncio.gather(
            long_think(client, 1),
            long_think(client, 2),
            long_think(client, 3))
    print(menus)

asyncio.run(order(), debug=True)  # 約 1 秒
