# デモ1: コルーチンを1つずつ await する
import asyncio

async def think_and_order(secs: int):
    print("ちょっと待ってね")
    await asyncio.sleep(secs)
    return secs, "ざるそば"

async def order():
    print("ご注文は？")
    a = await think_and_order(1)
    print(a)
    b = await think_and_order(2)
    print(b)
    c = await think_and_order(3)
    print(c)

asyncio.run(order())  # 約 6 秒（3 秒ではない）
