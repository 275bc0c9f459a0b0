# デモ4: async のコードにまぎれたブロッキングな HTTP クライアント
# （ここの requests は kowakunai の小さな代役: ページの中の
# 同期 XHR で、本物のパッケージではない）
import asyncio, requests

# 「ウェブ検索」の代わり: 1 秒後に答え、同時に 3 件まで
SEARCH = "api/slow?delay=1000"

async def long_think(secs: int):
    print("ちょっと待ってね")
    res = requests.get(SEARCH)  # おいしいお蕎麦は？
    return secs, res, "ざるそば"

async def order():
    print("ご注文は？")
    menus = await asyncio.gather(
        long_think(3), long_think(2),
        long_think(1))
    print(menus)

asyncio.run(order(), debug=True)  # 約 3 秒、警告つき
