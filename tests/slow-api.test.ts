import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSlowApi } from '../src/server/slow-api';
import { SlowApiEmulator, slowApiDelay } from '../src/sandbox/slow-api-emulation';

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
    expect(body.waitedMs).toBe(0);
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
    const r = Array.from({ length: 6 }, () => emu.reserve(200, at));
    expect(r.map((x) => x.start - at)).toEqual([0, 0, 0, 200, 200, 200]);
    expect(r.map((x) => x.end - at)).toEqual([200, 200, 200, 400, 400, 400]);
    // a later arrival takes the first worker to free up
    expect(emu.reserve(100, at + 450)).toMatchObject({ start: at + 450, end: at + 550 });
  });
});
