# 付録 A: 9 回。同時に 4 件目が来ると API は断る（429）
# （ここの httpx は kowakunai の、aiohttp/httpx の小さな代役）
import asyncio, contextlib, httpx
API = "api/slow?delay=1000&rate_limit=1"  # 1 秒後に答える

async def fetch(http, sem):
    async with sem:  # Semaphore(3) なら同時に 3 件まで
        return (await http.get(API)).status_code  # 429 なら断られた

async def nine(label, sem):
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async with httpx.AsyncClient() as http:
        codes = await asyncio.gather(
            *(fetch(http, sem) for _ in range(9)))
    ok, secs = codes.count(200), loop.time() - t0
    print(f"{label}: 成功 {ok}、断られた {9 - ok}、{secs:.1f} 秒")

async def main():
    await nine("一度に全部", contextlib.nullcontext())
    await nine("Semaphore(3)", asyncio.Semaphore(3))

asyncio.run(main())  # 2017 年、Semaphore(3): 3.375 秒
