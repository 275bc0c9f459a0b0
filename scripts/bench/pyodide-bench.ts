/**
 * Pyodide's cost: its cold load (click Run on arrival → first line printed, Pyodide loaded from dist/ in a fresh
 * worker), the same click after the slide has been shown 5 s (loaded at idle time: src/page/python-prefetch.ts),
 * a second run (the frame keeps a spare worker), what it adds to a first page with no Python cell near (nothing),
 * what a first Python run downloads, and a cold run that loads 4 thread workers too (Python threads). Picked up by scripts/bench.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/node/pipeline/site.js';
import { PYODIDE_ASSETS_DIR, PYODIDE_FILES, PYODIDE_LOCK } from '../../src/node/pipeline/pyodide-assets.js';
import { gzipLength } from '../../src/node/pipeline/summary.js';
import { workerCount } from '../../tests/browser/page-helpers.js';
import { clickToFirstLine, serveSite } from './bench-page.js';
import { firstPageWeight } from './deck-bench.js';

const HELLO = 'print("first line")';
const TASKS = `import asyncio
async def think(s):
    await asyncio.sleep(s)
async def main():
    ts = [asyncio.create_task(think(s)) for s in (1, 2, 3)]
    for t in ts:
        await t
asyncio.run(main())
print("done")`;
/** Offloads to threads: its run loads the thread workers (one Pyodide each) before its clock starts. */
const THREADS = `import asyncio, time
print("first line")
async def main():
    await asyncio.gather(*(asyncio.to_thread(time.sleep, 1) for _ in range(3)))
asyncio.run(main())`;

export async function benchPyodide(log: (s: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-pyodide-bench-'));
  const slidesDir = join(root, 'slides');
  // two slides without cells first: Pyodide is fetched from the slide before a Python cell on, not on slide 1
  const deck = (cells: boolean) =>
    `---\ntitle: Pyodide bench\nlang: en\n---\n\n## Intro\n\n<Notes>n</Notes>\n\n---\n\n## Before\n\n<Notes>n</Notes>\n\n---\n\n## Hello\n\n${cells ? '```python cell id="hello"\n' + HELLO + '\n```\n' : ''}\n<Notes>n</Notes>\n\n---\n\n## Tasks\n\n${cells ? '```python cell id="tasks"\n' + TASKS + '\n```\n' : ''}\n<Notes>n</Notes>\n\n---\n\n## Threads\n\n${cells ? '```python cell id="threads"\n' + THREADS + '\n```\n' : ''}\n<Notes>n</Notes>\n`;
  for (const [name, cells] of [['with-python', true], ['without-python', false]] as const) {
    mkdirSync(join(slidesDir, name), { recursive: true });
    writeFileSync(join(slidesDir, name, 'index.mdx'), deck(cells));
  }
  const outDir = join(root, 'dist');
  await buildSite({ slidesDir, outDir, cacheDir: join(root, '.cache'), record: false });

  const site = await serveSite(outDir);
  try {
    const page = await site.newPage();
    let pyBytes = 0;
    let pyRequests = 0;
    page.context().on('requestfinished', (r) => {
      if (!r.url().includes('/assets/pyodide/')) return;
      pyRequests++;
      // a request still in flight when the browser closes rejects here: nothing to count then
      r.sizes().then((s) => (pyBytes += s.responseBodySize), () => {});
    });
    await page.goto(`${site.url}with-python/index.html`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    await page.waitForTimeout(3000); // past first paint and idle-time work
    log(`Pyodide requests by the first page (3 s after load): ${pyRequests}  (target 0: no Python cell on it or the next slide)`);

    // cold: straight to the Python slide, Run at once (Pyodide from dist/assets/pyodide/, HTTP cache empty)
    await page.evaluate(() => (window as any).kowakunai.deck.slide(2));
    const cold = await clickToFirstLine(page, 'hello', 60_000);
    log(`cold load, click → first line:       ${(cold / 1000).toFixed(2)} s  (Run pressed on arrival)`);
    await page.waitForTimeout(50);
    const [firstBytes, firstRequests] = [pyBytes, pyRequests];
    await page.waitForTimeout(6000); // the frame's spare worker loads Pyodide meanwhile
    const spare = await clickToFirstLine(page, 'hello', 60_000);
    log(`next run, click → first line:        ${(spare * 1).toFixed(0)} ms  (spare worker, Pyodide already loaded)`);
    await page.evaluate(() => (window as any).kowakunai.deck.slide(3));
    await page.waitForTimeout(6000);
    await clickToFirstLine(page, 'tasks', 60_000);
    const total = Number(await page.locator('live-cell[data-cell-id="tasks"]').getAttribute('data-total-ms'));
    log(`tasks cell (create_task 1, 2, 3 s):   ${(total / 1000).toFixed(3)} s  (ideal 3.000 s)`);
    log(`downloaded by the first Python run:  ${(firstBytes / 1024 / 1024).toFixed(2)} MB in ${firstRequests} requests (uncompressed, as this bench's server sends them; the spare worker loads again from the HTTP cache when the host allows caching)`);

    // prefetched: a fresh browser context (no HTTP cache, no spare), the slide before shown, then 5 s on the slide
    const fresh = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await fresh.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const p2 = await fresh.newPage();
    await p2.goto(`${site.url}with-python/index.html#/1`);
    await p2.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    await p2.waitForTimeout(1000);
    await p2.evaluate(() => (window as any).kowakunai.deck.slide(2));
    await p2.waitForTimeout(5000);
    const prefetched = await clickToFirstLine(p2, 'hello', 60_000);
    log(`prefetched, click → first line:      ${prefetched.toFixed(0)} ms  (slide before shown 1 s, this slide 5 s; target ≤ 300 ms)`);
    await fresh.close();

    // threads: a fresh context straight to a cell that offloads, Run on arrival — Pyodide and its 4 thread workers
    // load in parallel before the clock; the cold start of a thread worker is the difference to the plain cold load
    const cold2 = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await cold2.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const p3 = await cold2.newPage();
    await p3.goto(`${site.url}with-python/index.html#/4`);
    await p3.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    const coldThreads = await clickToFirstLine(p3, 'threads', 120_000);
    const workers = await workerCount(p3); // the loop's Pyodide, its thread workers and any spare, while it runs
    log(`cold load with threads, click → first line: ${(coldThreads / 1000).toFixed(2)} s  (${workers} workers up; vs ${(cold / 1000).toFixed(2)} s without threads)`);
    await p3.waitForFunction(() => document.querySelector('live-cell[data-cell-id="threads"]')?.getAttribute('data-state') === 'done', null, { timeout: 60_000 });
    const threaded = Number(await p3.locator('live-cell[data-cell-id="threads"]').getAttribute('data-total-ms'));
    // the cell's own clock starts once its threads are up: what it shows over 1 s is the cost of offloading
    log(`three to_thread(time.sleep, 1) gathered: ${(threaded / 1000).toFixed(3)} s  (ideal 1.000 s, +${Math.round(threaded - 1000)} ms)`);
    await cold2.close();

    const files = [...PYODIDE_FILES, PYODIDE_LOCK].map((f) => readFileSync(join(outDir, PYODIDE_ASSETS_DIR, f)));
    const raw = files.reduce((n, b) => n + b.length, 0);
    const gz = files.reduce((n, b) => n + gzipLength(b), 0);
    log(`dist/assets/pyodide/:                ${(raw / 1024 / 1024).toFixed(1)} MB raw, ${(gz / 1024 / 1024).toFixed(1)} MB gzip`);
    const withPy = firstPageWeight(outDir, 'with-python');
    const without = firstPageWeight(outDir, 'without-python');
    log(`first page with Python cells vs none: ${(withPy.total / 1024).toFixed(1)} KB vs ${(without.total / 1024).toFixed(1)} KB gzip (CSS and JS identical: ${withPy.css === without.css && withPy.js === without.js}; the cells' own HTML ${((withPy.html - without.html) / 1024).toFixed(1)} KB)`);
  } finally {
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
}
