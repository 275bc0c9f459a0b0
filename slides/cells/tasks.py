# Demo 2: make every task first, then await them.
import asyncio

async def think_and_order(secs: int):
    print("one moment…")
    await asyncio.sleep(secs)
    return secs, "zaru soba"

async def order():
    print("Your order?")
    t1 = asyncio.create_task(think_and_order(1))
    t2 = asyncio.create_task(think_and_order(2))
    t3 = asyncio.create_task(think_and_order(3))
    print(await t1)
    print(await t2)
    print(await t3)

asyncio.run(order())  # ≈ 3 s
