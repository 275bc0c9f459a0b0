import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cacheKey, recordCells, type RecordProgress } from '../src/node/pipeline/cells/record';
import { compileCell } from '../src/shared/cell-compile';

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'kowakunai-record-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const compile = async (source: string, sourcefile = 'cell.ts') => (await compileCell(esbuild, source, { sourcefile })).js;

const TASKS = `import { createTask, sleep, get, print, now } from 'kowakunai';
async function customer(name: string, seconds: number) {
  print(\`\${name} thinks \${seconds} s\`);
  await sleep(seconds);
  return name;
}
const tasks = [createTask('A', customer, 'A', 0.1), createTask('B', customer, 'B', 0.2), createTask('C', customer, 'C', 0.3)];
for (const t of tasks) await t;
const body = JSON.parse(await get('api/slow?delay=100'));
console.log('served after', body.delay);
export default tasks.map((t) => t.name);
`;

const FAILS = `import { sleep } from 'kowakunai';
await sleep(0.01);

throw new TypeError('no soba today');
`;

describe('recordCells', () => {
  test('records each cell once in a process of its own, in parallel, and caches the result', async () => {
    const cells = [
      { id: 'tasks', js: await compile(TASKS, 'tasks.ts') },
      { id: 'fails', js: await compile(FAILS, 'fails.ts') },
      { id: 'threads', js: await compile(`import { toThread, blockingGet } from 'kowakunai';\nconst fetchSync = (u: string) => blockingGet(u);\nconst bodies = await Promise.all([toThread(fetchSync, '/api/slow?delay=200'), toThread(fetchSync, '/api/slow?delay=200')]);\nexport default bodies.length;\n`) },
    ];
    const events: RecordProgress[] = [];
    const t = performance.now();
    const results = await recordCells(cells, { cacheDir, onProgress: (e) => events.push(e) });
    const took = performance.now() - t;

    const tasks = results.get('tasks')!;
    expect(tasks.status).toBe('done');
    expect(tasks.returnValue).toBe('["A", "B", "C"]');
    expect(tasks.totalMs).toBeGreaterThanOrEqual(400);
    expect(tasks.totalMs).toBeLessThan(900);
    expect(tasks.tasks.map((s) => s.name)).toEqual(['main', 'A', 'B', 'C']);
    expect(tasks.output.map((o) => o.text)).toEqual(['A thinks 0.1 s', 'B thinks 0.2 s', 'C thinks 0.3 s', 'served after 100']);
    expect(tasks.tasks[0]!.waits.map((w) => w.on)).toEqual(['Task A', 'Task B', 'Task C', 'get /api/slow?delay=100']);
    expect(Date.parse(tasks.recordedAt!)).toBeGreaterThan(Date.now() - 60_000);

    const fails = results.get('fails')!;
    expect(fails.status).toBe('error');
    expect(fails.error).toMatchObject({ message: 'TypeError: no soba today', line: 4, column: 7 });

    const threads = results.get('threads')!;
    expect(threads.status).toBe('done');
    expect(threads.returnValue).toBe('2');
    expect(threads.blocked).toEqual([]); // the blocking calls ran on threads
    expect(threads.totalMs).toBeGreaterThanOrEqual(195);
    // a sanity bound only (that the calls ran on threads is `blocked` being empty), loose enough for a loaded
    // 2-core machine where thread start-up and the requests share the cores with other test files
    expect(threads.totalMs).toBeLessThan(1_000);

    // recorded in parallel: all three were running before the first one was done
    const firstRecorded = events.findIndex((e) => e.state === 'recorded');
    expect(events.slice(0, firstRecorded).filter((e) => e.state === 'running')).toHaveLength(3);
    expect(took).toBeLessThan(15_000);
    expect(events.filter((e) => e.state === 'recorded').map((e) => e.id).sort()).toEqual(['fails', 'tasks', 'threads']);
    expect(existsSync(path.join(cacheDir, `${await cacheKey(cells[0]!.js, cacheDir)}.json`))).toBe(true);

    // unchanged cells are not run again
    const again = await recordCells(cells, { cacheDir, onProgress: (e) => events.push(e) });
    expect(again.get('tasks')).toEqual(tasks);
    expect(events.slice(-3).map((e) => e.state)).toEqual(['cached', 'cached', 'cached']);
    // the compiled cells written for the run are cleaned up
    expect(await readdir(path.join(cacheDir, 'run'))).toEqual([]);
  });

  test('a cell that never ends is stopped at its time limit and keeps what it printed', async () => {
    const js = await compile(`import { print } from 'kowakunai';\nprint('before');\nawait 0;\nwhile (true) {}\n`);
    const t = performance.now();
    const result = (await recordCells([{ id: 'forever', js, timeLimitMs: 600 }], { cacheDir })).get('forever')!;
    expect(performance.now() - t).toBeLessThan(5000);
    expect(result.status).toBe('timeout');
    expect(result.output.map((o) => o.text)).toEqual(['before']);
    expect(result.totalMs).toBeGreaterThanOrEqual(590);
    // timeouts are not cached
    expect(existsSync(path.join(cacheDir, `${await cacheKey(js, cacheDir, 600)}.json`))).toBe(false);
  });

  test('a cell that allocates without end fails alone: the build goes on', async () => {
    const js = await compile(`import { print } from 'kowakunai';\nprint('allocating');\nconst h: number[][] = [];\nwhile (true) h.push(new Array(10_000_000).fill(h.length));\n`);
    const result = (await recordCells([{ id: 'hog', js, timeLimitMs: 20_000 }], { cacheDir })).get('hog')!;
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(/out of memory/);
    // and the next cell still records
    const ok = await compile(`import { print } from 'kowakunai';\nprint('fine');\n`);
    expect((await recordCells([{ id: 'ok', js: ok }], { cacheDir })).get('ok')!.status).toBe('done');
  });

  test('two decks asking for the same cell at once share one recording', async () => {
    const js = await compile(`import { sleep, print } from 'kowakunai';\nawait sleep(0.3);\nprint('once');\n`);
    const events: RecordProgress[] = [];
    const [ja, en] = await Promise.all([
      recordCells([{ id: 'ja', js }], { cacheDir, onProgress: (e) => events.push(e) }),
      recordCells([{ id: 'en', js }], { cacheDir, onProgress: (e) => events.push(e) }),
    ]);
    // one run: the same result object, and only one of the two ever started a process
    expect(ja.get('ja')).toBe(en.get('en'));
    expect(events.filter((e) => e.state === 'running')).toHaveLength(1);
  });
});
