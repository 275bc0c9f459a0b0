# Demo: sync code to a thread (stand-ins: asgiref, requests)
import asyncio, requests
from asgiref.sync import sync_to_async

SEARCH = "api/slow?delay=1000"

def search(url):  # a plain sync function: it blocks
    return requests.get(url).status_code

# awaitable; the body runs on another thread
async_search = sync_to_async(search, thread_sensitive=False)

async def long_think(secs: int):
    print("one moment…")
    await async_search(SEARCH)  # the loop stays free
    return secs, "zaru soba"

async def order():
    menus = await asyncio.gather(
        long_think(3), long_think(2), long_think(1))
    print(menus)

asyncio.run(order(), debug=True)  # ≈ 1 s, no warnings
