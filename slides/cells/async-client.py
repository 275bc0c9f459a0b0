# Demo 5: the same searches, with an async client.
# (httpx here is kowakunai's small stand-in: fetch in the
# page, not the real package)
import asyncio, httpx

SEARCH = "api/slow?delay=1000"

async def long_think(client, secs: int):
    print("one moment…")
    res = await client.get(SEARCH)  # move on
    return secs, res, "zaru soba"

async def order():
    print("Your order?")
    async with httpx.AsyncClient() as client:
        menus = await asyncio.gather(
            long_think(client, 1),
            long_think(client, 2),
            long_think(client, 3))
    print(menus)

asyncio.run(order(), debug=True)  # ≈ 1 s
