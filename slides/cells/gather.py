# Demo 3: gather returns results in the order given.
import asyncio

async def think_and_order(secs: int):
    print("one moment…")
    await asyncio.sleep(secs)
    print(f"{secs} s: zaru soba!")
    return secs, "zaru soba"

async def order():
    print("Your order?")
    menus = await asyncio.gather(
        think_and_order(3),   # slowest first
        think_and_order(2),
        think_and_order(1),   # quickest last
    )
    print(menus)  # [(3, …), (2, …), (1, …)]

asyncio.run(order())  # ≈ 3 s
