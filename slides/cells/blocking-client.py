# Demo 4: a blocking HTTP client hidden in async code.
# (requests here is kowakunai's small stand-in: a blocking
# XHR in the page, not the real package)
import asyncio, requests

# our "web search": answers after 1 s, 3 at a time
SEARCH = "api/slow?delay=1000"

async def long_think(secs: int):
    print("one moment…")
    res = requests.get(SEARCH)  # search
    return secs, res, "zaru soba"

async def order():
    print("Your order?")
    menus = await asyncio.gather(
        long_think(3), long_think(2),
        long_think(1))
    print(menus)

asyncio.run(order(), debug=True)  # ≈ 3 s, and warnings
