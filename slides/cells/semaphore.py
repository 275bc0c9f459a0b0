# Appendix A: 9 requests, at most 3 at once (3 API workers).
# (httpx here is kowakunai's small stand-in for aiohttp/httpx)
import asyncio, httpx

API = "api/slow?delay=1000"  # answers after 1 s

async def fetch(http, sem, i):
    async with sem:  # at most 3 at once
        res = await http.get(API)
        print(f"#{i} done @{asyncio.get_running_loop().time() - t0:.1f}s")
        return res.text

async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    sem = asyncio.Semaphore(3)
    async with httpx.AsyncClient() as http:
        await asyncio.gather(
            *(fetch(http, sem, i) for i in range(1, 10)))

asyncio.run(main())  # 2017: 3.375 s
