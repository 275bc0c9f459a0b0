# 付録 A: 回数制限のある API に 9 回。
# まず一度に全部、次に Semaphore(3) で
# （ここの httpx は kowakunai の、aiohttp/httpx の小さな代役）
import asyncio, contextlib, httpx

# 1 秒後に答える。同時に 4 件目が来たら、すぐ 429
API = "api/slow?delay=1000&rate_limit=1"

async def fetch(http, sem, i, t0):
    async with sem:  # Semaphore(3) なら同時に 3 件まで
        res = await http.get(API)
    at = f"（{asyncio.get_running_loop().time() - t0:.1f} 秒）"
    if res.status_code == 429:
        print(f"#{i} 断られた: 429 {at}")
    else:
        print(f"#{i} 成功 {at}")

async def nine(sem):
    t0 = asyncio.get_running_loop().time()
    async with httpx.AsyncClient() as http:
        await asyncio.gather(
            *(fetch(http, sem, i, t0) for i in range(1, 10)))
    print(f"合計 {asyncio.get_running_loop().time() - t0:.1f} 秒")

async def main():
    print("— Semaphore なし —")
    await nine(contextlib.nullcontext())
    print("— Semaphore(3) あり —")
    await nine(asyncio.Semaphore(3))

asyncio.run(main())  # 2017 年、Semaphore(3): 3.375 秒
