# Appendix A: 9 requests to a rate-limited API,
# first all at once, then with a Semaphore(3).
# (httpx here is kowakunai's small stand-in for aiohttp/httpx)
import asyncio, contextlib, httpx

# answers after 1 s; a 4th request in flight → 429 at once
API = "api/slow?delay=1000&rate_limit=1"

async def fetch(http, sem, i, t0):
    async with sem:  # with a Semaphore(3): at most 3 at once
        res = await http.get(API)
    at = f"@{asyncio.get_running_loop().time() - t0:.1f}s"
    if res.status_code == 429:
        print(f"#{i} refused: 429 {at}")
    else:
        print(f"#{i} ok {at}")

async def nine(sem):
    t0 = asyncio.get_running_loop().time()
    async with httpx.AsyncClient() as http:
        await asyncio.gather(
            *(fetch(http, sem, i, t0) for i in range(1, 10)))
    print(f"total {asyncio.get_running_loop().time() - t0:.1f} s")

async def main():
    print("— no Semaphore —")
    await nine(contextlib.nullcontext())
    print("— Semaphore(3) —")
    await nine(asyncio.Semaphore(3))

asyncio.run(main())  # 2017, Semaphore(3): 3.375 s
