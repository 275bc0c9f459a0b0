# デモ3: gather の結果は渡した順
import asyncio

async def think_and_order(secs: int):
    print("ちょっと待ってね")
    await asyncio.sleep(secs)
    print(f"{secs} 秒: ざるそば！")
    return secs, "ざるそば"

async def order():
    print("ご注文は？")
    menus = await asyncio.gather(
        think_and_order(3),   # いちばん長い人が先
        think_and_order(2),
        think_and_order(1),   # いちばん短い人が最後
    )
    print(menus)  # [(3, …), (2, …), (1, …)]

asyncio.run(order())  # 約 3 秒
