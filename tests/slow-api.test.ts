import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSlowApi } from '../src/node/server/slow-api';
import { SlowApiEmulator, slowApiDelay, slowApiRateLimited } from '../src/sandbox/slow-api-emulation';

let server: Server;
let base: string;
beforeAll(async () => {
  const api = createSlowApi();
  server = createServer((req, res) => {
    if (!api.handle(req, res)) res.writeHead(404, { 'X-Handled-By': 'fallback' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('slow API server', () => {
  test('answers after the delay, with CORS and no caching', async () => {
    const t = performance.now();
    const res = await fetch(`${base}/deck/api/slow?delay=150`);
    const took = performance.now() - t;
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-kowakunai-slow-api')).toBe('1');
    const body = (await res.json()) as { delay: number; waitedMs: number; servedAt: string };
    expect(body.delay).toBe(150);
    // nothing queued before it: it was not made to wait for a worker (a busy machine may count a millisecond or two)
    expect(body.waitedMs).toBeLessThan(50);
    expect(Number.isNaN(Date.parse(body.servedAt))).toBe(false);
    expect(took).toBeGreaterThanOrEqual(148);
    expect(took).toBeLessThan(600);
  });

  test('serves 3 at once: 6 requests of 200 ms take about 400 ms', async () => {
    const t = performance.now();
    const bodies = await Promise.all(
      Array.from({ length: 6 }, () => fetch(`${base}/api/slow?delay=200`).then((r) => r.json() as Promise<{ waitedMs: number }>)),
    );
    const took = performance.now() - t;
    expect(took).toBeGreaterThanOrEqual(395);
    expect(took).toBeLessThan(700);
    expect(bodies.filter((b) => b.waitedMs >= 150)).toHaveLength(3);
  });

  test('rate-limited mode: over 3 in flight is refused at once with 429; later requests are served again', async () => {
    const t = performance.now();
    const replies = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const res = await fetch(`${base}/api/slow?delay=300&rate_limit=1`);
        return { status: res.status, at: performance.now() - t, retry: res.headers.get('retry-after'), body: await res.text() };
      }),
    );
    const refused = replies.filter((r) => r.status === 429);
    expect(replies.filter((r) => r.status === 200)).toHaveLength(3);
    expect(refused).toHaveLength(2);
    for (const r of refused) {
      expect(r.at).toBeLessThan(200); // at once, not after a worker frees up
      expect(r.retry).toBe('1');
      expect(JSON.parse(r.body)).toMatchObject({ error: 'too many requests', limit: 3 });
    }
    // the workers are free again: three more are all served
    const again = await Promise.all(Array.from({ length: 3 }, () => fetch(`${base}/api/slow?delay=50&rate_limit=1`).then((r) => r.status)));
    expect(again).toEqual([200, 200, 200]);
  });

  test('other paths are left to the caller', async () => {
    const res = await fetch(`${base}/api/slower`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-handled-by')).toBe('fallback');
  });
});

describe('slow API rules shared with the in-page emulation', () => {
  test('delay: default 1000, capped at 10000, never negative', () => {
    const d = (q: string) => slowApiDelay(new URL(`http://x/api/slow${q}`));
    expect(d('')).toBe(1000);
    expect(d('?delay=250')).toBe(250);
    expect(d('?delay=99999')).toBe(10_000);
    expect(d('?delay=-5')).toBe(0);
    expect(d('?delay=abc')).toBe(1000);
  });

  test('the emulation schedules FIFO on 3 workers', () => {
    const emu = new SlowApiEmulator();
    const at = 1_000_000;
    const r = Array.from({ length: 6 }, () => emu.reserve(200, at)!);
    expect(r.map((x) => x.start - at)).toEqual([0, 0, 0, 200, 200, 200]);
    expect(r.map((x) => x.end - at)).toEqual([200, 200, 200, 400, 400, 400]);
    // a later arrival takes the first worker to free up
    expect(emu.reserve(100, at + 450)).toMatchObject({ start: at + 450, end: at + 550 });
  });

  test('rate_limit=1 switches the rate-limited mode on', () => {
    const on = (q: string) => slowApiRateLimited(new URL(`http://x/api/slow${q}`));
    expect([on(''), on('?delay=1000'), on('?rate_limit=0'), on('?rate_limit=false')]).toEqual([false, false, false, false]);
    expect([on('?rate_limit=1'), on('?delay=5&rate_limit=true')]).toEqual([true, true]);
  });

  test('the emulation refuses a request that finds every worker busy, and serves once one is free', () => {
    const emu = new SlowApiEmulator();
    const at = 1_000_000;
    const r = Array.from({ length: 5 }, () => emu.reserve(1000, at, true));
    expect(r.map((x) => (x ? x.end - at : 'refused'))).toEqual([1000, 1000, 1000, 'refused', 'refused']);
    expect(emu.reserve(1000, at + 1000, true)).toMatchObject({ start: at + 1000, end: at + 2000 });
  });

  test('the emulated fetch answers a refusal with 429 at once, and the TS cells see it as an HTTP error', async () => {
    const emu = new SlowApiEmulator();
    const url = new URL('http://x/api/slow?delay=200&rate_limit=1');
    const timer = (cb: () => void, ms: number) => setTimeout(cb, ms);
    const t = performance.now();
    const replies = await Promise.all(Array.from({ length: 4 }, () => emu.fetch(url, timer)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
    expect(performance.now() - t).toBeLessThan(400);
    await expect(Promise.all(Array.from({ length: 4 }, () => emu.fetchText(url, timer)))).rejects.toThrow(/HTTP 429/);
  });
});
