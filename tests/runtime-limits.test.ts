/**
 * The runtime's limits, on the same runtime the page uses (recorded in Node child processes): what a run may send to
 * the page is capped and says what was cut; a cell awaiting something nothing can settle ends at once, and a cell
 * really waiting is never cut short.
 */
import * as esbuild from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { recordCells } from '../src/node/pipeline/cells/record';
import { compileCell } from '../src/shared/cell-compile';
import type { CellResult } from '../src/shared/types';

let cacheDir: string;
let results: Map<string, CellResult>;

const cells: Record<string, string> = {
  'giant-line': `import { print } from 'kowakunai';\nprint('x'.repeat(50_000_000));\nprint('after');\n`,
  'giant-value': `export default 'y'.repeat(3_000_000);\n`,
  'giant-error': `throw new Error('z'.repeat(1_000_000));\n`,
  'many-long-lines': `for (let i = 0; i < 100; i++) console.log(String(i).padEnd(9_000, '.'));\n`,
  'never-settles': `import { print } from 'kowakunai';\nprint('waiting');\nawait new Promise(() => {});\n`,
  'deadlock': `import { createTask } from 'kowakunai';\nlet b: any;\nconst a = createTask('A', async () => { await b; });\nb = createTask('B', async () => { await a; });\nawait a;\n`,
  'forgotten-timer': `import { sleep } from 'kowakunai';\nawait sleep(0.3);\nawait new Promise<void>((resolve) => { const t = setTimeout(resolve, 1000); clearTimeout(t); });\n`,
  'real-waits': `import { sleep, get, print } from 'kowakunai';\nawait sleep(0.5);\nawait new Promise((r) => setTimeout(r, 500));\nawait get('api/slow?delay=500');\nawait fetch(new URL('api/slow?delay=300', globalThis.location?.href ?? 'http://x/').href).catch(() => undefined);\nlet n = 0;\nawait new Promise<void>((r) => { const i = setInterval(() => { if (++n === 3) { clearInterval(i); r(); } }, 100); });\nprint('waited');\n`,
  'uncounted': `const w = typeof Worker;\nawait new Promise(() => {});\n`,
};

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'kowakunai-limits-'));
  const compiled = await Promise.all(
    Object.entries(cells).map(async ([id, source]) => ({
      id,
      js: (await compileCell(esbuild, source, { sourcefile: `${id}.ts` })).js,
      timeLimitMs: id === 'uncounted' ? 2000 : 20_000,
    })),
  );
  results = await recordCells(compiled, { cacheDir });
}, 120_000);
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const get = (id: string): CellResult => results.get(id)!;

test('a giant line reaches the page cut to 10,000 characters, saying how many more there were', () => {
  const r = get('giant-line');
  expect(r.status).toBe('done');
  expect(r.output[0].text).toHaveLength(10_000 + ' … 49,990,000 more characters'.length);
  expect(r.output[0].text.endsWith('x … 49,990,000 more characters')).toBe(true);
  expect(r.output[1].text).toBe('after');
});

test('the return value and an error message are capped the same way', () => {
  expect(get('giant-value').returnValue).toMatch(/^"y{9999} … 2,990,002 more characters$/);
  const e = get('giant-error');
  expect(e.status).toBe('error');
  expect(e.error!.message.length).toBeLessThan(10_100);
  expect(e.error!.message).toMatch(/more characters$/);
});

test('all output together is capped too: later lines are counted, not kept', () => {
  const r = get('many-long-lines');
  expect(r.status).toBe('done');
  const chars = r.output.reduce((n, l) => n + l.text.length, 0);
  expect(chars).toBeLessThan(200_100);
  expect(r.output.length).toBeLessThan(100);
  expect(r.output.length + r.droppedLines).toBe(100);
});

test('awaiting what nothing can settle ends at once, with a message that says so', () => {
  for (const id of ['never-settles', 'deadlock', 'forgotten-timer']) {
    const r = get(id);
    expect(r.status, id).toBe('error');
    expect(r.error?.message, id).toMatch(/^Nothing left to wait for/);
    // seconds before the 20 s limit: the check needs ~100 ms once nothing is pending
    expect(r.totalMs, id).toBeLessThan(id === 'forgotten-timer' ? 3_000 : 2_000);
  }
  expect(get('never-settles').output.map((l) => l.text)).toEqual(['waiting']);
  expect(get('forgotten-timer').totalMs).toBeGreaterThan(290);
});

test('real waits are never cut short: sleeps, timers, requests and intervals', () => {
  const r = get('real-waits');
  expect(r.error).toBeUndefined();
  expect(r.status).toBe('done');
  expect(r.output.map((l) => l.text)).toContain('waited');
  expect(r.totalMs).toBeGreaterThan(1_700);
});

test('a cell using something the runtime cannot count keeps the time limit as its backstop', () => {
  const r = get('uncounted');
  expect(r.status).toBe('timeout');
});
