# Demo 1: awaiting coroutines one by one.
import asyncio

async def think_and_order(secs: int):
    print("one moment…")
    await asyncio.sleep(secs)
    return secs, "zaru soba"

async def order():
    print("Your order?")
    a = await think_and_order(1)
    print(a)
    b = await think_and_order(2)
    print(b)
    c = await think_and_order(3)
    print(c)

asyncio.run(order())  # ≈ 6 s, not 3
