# Appendix A: 9 requests; the API refuses (429) a 4th in flight.
# (httpx here is kowakunai's small stand-in for aiohttp/httpx)
import asyncio, contextlib, httpx
API = "api/slow?delay=1000&rate_limit=1"  # answers after 1 s

async def fetch(http, sem):
    async with sem:  # Semaphore(3): at most 3 in flight
        return (await http.get(API)).status_code  # 429: refused

async def nine(label, sem):
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async with httpx.AsyncClient() as http:
        codes = await asyncio.gather(
            *(fetch(http, sem) for _ in range(9)))
    ok, secs = codes.count(200), loop.time() - t0
    print(f"{label}: {ok} ok, {9 - ok} refused, {secs:.1f} s")

async def main():
    await nine("all at once", contextlib.nullcontext())
    await nine("Semaphore(3)", asyncio.Semaphore(3))

asyncio.run(main())  # 2017, Semaphore(3): 3.375 s
