# デモ2: 先に全員分のタスクを作り、それから await する
import asyncio

async def think_and_order(secs: int):
    print("ちょっと待ってね")
    await asyncio.sleep(secs)
    return secs, "ざるそば"

async def order():
    print("ご注文は？")
    t1 = asyncio.create_task(think_and_order(1))
    t2 = asyncio.create_task(think_and_order(2))
    t3 = asyncio.create_task(think_and_order(3))
    print(await t1)
    print(await t2)
    print(await t3)

asyncio.run(order())  # 約 3 秒
