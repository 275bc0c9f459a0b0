import { describe, expect, test } from 'vitest';
import { MAX_OUTPUT_LINES } from '../src/shared/types';
import { startTestRuntime } from './helpers/cell-runtime';

// Timing bounds hold on a busy 2-core machine: never early, late by at most a generous margin.
const LATE_MS = 250;

describe('cell API timing', () => {
  test('sequential sleeps of 0.1, 0.2 and 0.3 s take about 0.6 s; as tasks about 0.3 s', async () => {
    const rt = await startTestRuntime();
    const { sleep, createTask } = rt.api;
    let t = rt.elapsed();
    await sleep(0.1);
    await sleep(0.2);
    await sleep(0.3);
    const sequential = rt.elapsed() - t;
    t = rt.elapsed();
    const tasks = [0.1, 0.2, 0.3].map((s, i) => createTask(`T${i}`, async () => sleep(s)));
    for (const task of tasks) await task;
    const concurrent = rt.elapsed() - t;
    const result = rt.finish();
    expect(sequential).toBeGreaterThanOrEqual(595);
    expect(sequential).toBeLessThan(600 + LATE_MS);
    expect(concurrent).toBeGreaterThanOrEqual(295);
    expect(concurrent).toBeLessThan(300 + LATE_MS);
    // main + three overlapping task bars
    expect(result.tasks.map((s) => s.name)).toEqual(['main', 'T0', 'T1', 'T2']);
    const [, a, b, c] = result.tasks;
    // all three were under way at once: the last started before the first ended
    expect(c!.start).toBeLessThan(a!.end!);
    expect(c!.end! - c!.start).toBeGreaterThanOrEqual(295);
    expect(b!.end!).toBeLessThan(c!.end!);
  });

  test('gather returns results in the order given, not the order finished', async () => {
    const rt = await startTestRuntime();
    const { sleep, createTask, gather } = rt.api;
    const slow = createTask('slow', async () => (await sleep(0.15), 'slow'));
    const fast = createTask('fast', async () => (await sleep(0.01), 'fast'));
    const results = await gather(slow, fast, 42, Promise.resolve('promise'), sleep(0.05));
    expect(results).toEqual(['slow', 'fast', 42, 'promise', undefined]);
    // an array works as well as arguments
    expect(await gather([createTask('x', () => 1), 2])).toEqual([1, 2]);
    rt.finish();
  });

  test('gather propagates the first exception', async () => {
    const rt = await startTestRuntime();
    const { createTask, gather, sleep } = rt.api;
    const boom = createTask('boom', async () => {
      await sleep(0.01);
      throw new Error('boom');
    });
    await expect(gather(createTask('ok', () => sleep(0.05)), boom)).rejects.toThrow('boom');
    rt.finish();
  });

  test('Semaphore(3) runs 9 jobs of 0.1 s in three waves, about 0.3 s', async () => {
    const rt = await startTestRuntime();
    const { Semaphore, createTask, gather, sleep } = rt.api;
    const sem = new Semaphore(3);
    const ended: number[] = [];
    let [running, maxRunning] = [0, 0];
    const job = (): Promise<void> =>
      sem.with(async () => {
        maxRunning = Math.max(maxRunning, ++running);
        await sleep(0.1);
        running--;
        ended.push(rt.elapsed());
      });
    const t = rt.elapsed();
    await gather(...Array.from({ length: 9 }, (_, i) => createTask(`job${i}`, job)));
    const total = rt.elapsed() - t;
    const result = rt.finish();
    expect(total).toBeGreaterThanOrEqual(295);
    expect(total).toBeLessThan(300 + LATE_MS);
    // Three waves, by the semaphore's own rule rather than by rounding the ends to 0.1, 0.2 and 0.3 s (a hidden
    // 50 ms limit, stricter than the total's): at most three jobs start before the first one ends, so at most
    // three end within 0.1 s of it; at most three more start before the fourth end, and so on.
    expect(maxRunning).toBe(3);
    const ends = ended.map((e) => e - t).sort((x, y) => x - y);
    const shown = JSON.stringify(ends.map(Math.round));
    expect(ends[0], shown).toBeGreaterThanOrEqual(95);
    expect(ends[3] - ends[0], shown).toBeGreaterThanOrEqual(95);
    expect(ends[6] - ends[3], shown).toBeGreaterThanOrEqual(95);
    // the jobs beyond the first three waited on the semaphore
    const acquireWaits = result.tasks.flatMap((s) => s.waits).filter((w) => w.on === 'Semaphore.acquire');
    expect(acquireWaits).toHaveLength(6);
  });

  test('toThread runs on real threads: three blockingSleep(0.3) finish together, the loop stays free', async () => {
    const rt = await startTestRuntime({ prewarmThreads: 3 });
    const { toThread, gather, sleep, createTask } = rt.api;
    const work = (s: number) => {
      // globals of the pool thread (the function travels as source text: no closures)
      const g = globalThis as unknown as { blockingSleep(s: number): void; threadMark?: number };
      g.blockingSleep(s);
      g.threadMark ??= Math.random();
      return g.threadMark;
    };
    let ticks = 0;
    const ticker = createTask('ticker', async () => {
      for (let i = 0; i < 5; i++) {
        await sleep(0.04);
        ticks++;
      }
    });
    const t = rt.elapsed();
    const origins = await gather(toThread(work, 0.3), toThread(work, 0.3), toThread(work, 0.3));
    const total = rt.elapsed() - t;
    await ticker;
    const result = rt.finish();
    expect(total).toBeGreaterThanOrEqual(295);
    expect(total).toBeLessThan(300 + 200);
    expect(ticks).toBe(5);
    // three different globals: three threads, none of them this one
    expect(new Set(origins).size).toBe(3);
    expect((globalThis as { threadMark?: number }).threadMark).toBeUndefined();
    // the event loop was never blocked
    expect(result.blocked).toEqual([]);
    expect(result.tasks[0]!.waits.some((w) => w.on === 'gather(3)')).toBe(true);
  });

  test('toThread passes arguments and errors back', async () => {
    const rt = await startTestRuntime();
    const { toThread } = rt.api;
    expect(await toThread((a: number, b: { n: number }) => a + b.n, 2, { n: 3 })).toBe(5);
    await expect(
      toThread(() => {
        throw new RangeError('in the thread');
      }),
    ).rejects.toThrow('in the thread');
    rt.finish();
  });
});

describe('cell API I/O (slow API emulated in-process)', () => {
  test('get answers after the delay, with at most 3 requests served at once', async () => {
    const rt = await startTestRuntime({ emulateSlowApi: true });
    const { get, gather } = rt.api;
    const t = rt.elapsed();
    const bodies = (await gather(...Array.from({ length: 6 }, () => get('/api/slow?delay=200')))) as string[];
    const total = rt.elapsed() - t;
    const result = rt.finish();
    expect(total).toBeGreaterThanOrEqual(395);
    expect(total).toBeLessThan(400 + LATE_MS);
    const parsed = bodies.map((b) => JSON.parse(b) as { delay: number; waitedMs: number });
    expect(parsed.every((p) => p.delay === 200)).toBe(true);
    expect(parsed.filter((p) => p.waitedMs > 150)).toHaveLength(3);
    expect(result.tasks[0]!.waits.filter((w) => w.on === 'get /api/slow?delay=200')).toHaveLength(0);
    expect(result.blocked).toEqual([]);
  });

  test('rate-limited mode: get of a 4th request in flight fails at once with HTTP 429, marked on its task', async () => {
    const rt = await startTestRuntime({ emulateSlowApi: true });
    const { get, gather, createTask } = rt.api;
    const t = rt.elapsed();
    const outcomes = (await gather(
      ...Array.from({ length: 5 }, (_, i) =>
        createTask(`r${i + 1}`, async () => {
          try {
            await get('/api/slow?delay=200&rate_limit=1');
            return `ok ${Math.round(rt.elapsed() - t)}`;
          } catch (e) {
            return `${String(e).match(/HTTP \d+/)?.[0]} ${Math.round(rt.elapsed() - t)}`;
          }
        }),
      ),
    )) as string[];
    const result = rt.finish();
    expect(outcomes.filter((o) => o.startsWith('ok'))).toHaveLength(3);
    const refused = outcomes.filter((o) => o.startsWith('HTTP 429'));
    expect(refused).toHaveLength(2);
    for (const o of refused) expect(Number(o.split(' ').at(-1))).toBeLessThan(100);
    const marked = result.tasks.filter((s) => (s.refused ?? []).length > 0);
    expect(marked.map((s) => s.refused![0]!.what)).toEqual(['GET /api/slow?delay=200&rate_limit=1', 'GET /api/slow?delay=200&rate_limit=1']);
  });

  test('blockingGet blocks the loop and is recorded as such', async () => {
    const rt = await startTestRuntime({ emulateSlowApi: true });
    const body = rt.api.blockingGet('api/slow?delay=150');
    const result = rt.finish();
    expect(JSON.parse(body).delay).toBe(150);
    expect(result.blocked).toHaveLength(1);
    const span = result.blocked[0]!;
    expect(span.what).toBe('blockingGet /deck/api/slow?delay=150');
    expect(span.end - span.start).toBeGreaterThanOrEqual(148);
    expect(result.output.at(-1)).toMatchObject({ stream: 'warn' });
    expect(result.output.at(-1)!.text).toMatch(/^Executing <Task name='main'> took 0\.1\d\d seconds \(blockingGet /);
  });
});

describe('cell API output', () => {
  test('print formats like Python print; now() counts seconds', async () => {
    const rt = await startTestRuntime();
    const { print, now, sleep } = rt.api;
    print('a', 1, [1, 'two'], { k: 'v' }, null, undefined);
    await sleep(0.05);
    const n = now();
    const result = rt.finish();
    expect(result.output[0]).toMatchObject({ text: 'a 1 [1, "two"] { k: "v" } null undefined', stream: 'out' });
    expect(n).toBeGreaterThanOrEqual(0.049);
    expect(n).toBeLessThan(1);
  });

  test('100,000 printed lines are bounded and cheap', async () => {
    const rt = await startTestRuntime();
    const t = performance.now();
    for (let i = 0; i < 100_000; i++) rt.api.print('line', i);
    const took = performance.now() - t;
    const result = rt.finish();
    expect(result.output).toHaveLength(MAX_OUTPUT_LINES);
    // (+1: the loop is a long synchronous stretch, whose warning is itself beyond the limit)
    expect(result.droppedLines - (100_000 - MAX_OUTPUT_LINES)).toBeOneOf([0, 1]);
    expect(took).toBeLessThan(1500);
  });
});
