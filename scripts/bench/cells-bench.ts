import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildSite } from '../../src/build/site.js';
import { createSlowApi } from '../../src/server/slow-api.js';
import { serveStatic } from '../../src/server/static.js';
import { chromePath, CHROME_ARGS } from '../../tests/browser/chromium.js';
import { firstPageWeight } from './deck-bench.js';

const TASKS = `import { sleep, createTask, print } from 'kowakunai';
async function think(name: string, s: number) { await sleep(s); print(name); }
const ts = [createTask('A', think, 'A', 1), createTask('B', think, 'B', 2), createTask('C', think, 'C', 3)];
for (const t of ts) await t;`;

/** A 30-line cell for the in-page compile benchmark. */
const THIRTY_LINES = Array.from({ length: 10 }, (_, i) => `interface Item${i} { id: number; name: string }
const items${i}: Item${i}[] = [{ id: ${i}, name: 'n${i}' }];
console.log(items${i}.map((x) => x.name).join(','));`).join('\n');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Click → first output line, measured in the page (performance.now at click, MutationObserver on the output). */
async function runLatency(page: Page, id: string): Promise<number> {
  return page.evaluate(async (id) => {
    const cell = document.querySelector(`live-cell[data-cell-id="${id}"]`)!;
    const done = new Promise<number>((resolve, reject) => {
      setTimeout(() => reject(new Error(`no output line from cell ${id} within 10 s`)), 10_000);
      // the recorded lines are on show before the run: wait for a line this run adds
      const obs = new MutationObserver((records) => {
        const added = records.some((r) => [...r.addedNodes].some((n) => n.nodeName === 'LI'));
        if (added) {
          obs.disconnect();
          resolve(performance.now());
        }
      });
      obs.observe(cell, { childList: true, subtree: true });
    });
    const t0 = performance.now();
    (cell.querySelector('[data-action="run"]') as HTMLButtonElement).click();
    const t1 = await done;
    await new Promise<void>((r) => {
      const check = () => (cell.getAttribute('data-state') === 'running' ? setTimeout(check, 20) : r());
      check();
    });
    return t1 - t0;
  }, id);
}

export async function benchCells(log: (s: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-cells-bench-'));
  const slidesDir = join(root, 'slides');
  const md = (cells: boolean) => `---\ntitle: Cells bench\nlang: en\n---\n\n## Latency\n\n${cells ? "```ts cell id=\"first\"\nimport { print } from 'kowakunai';\nprint('first line');\n```\n" : ''}\n<Notes>n</Notes>\n\n---\n\n## Tasks\n\n${cells ? '```ts cell id="tasks"\n' + TASKS + '\n```\n' : ''}\n<Notes>n</Notes>\n`;
  mkdirSync(join(slidesDir, 'with-cells'), { recursive: true });
  mkdirSync(join(slidesDir, 'without-cells'), { recursive: true });
  writeFileSync(join(slidesDir, 'with-cells/index.mdx'), md(true));
  writeFileSync(join(slidesDir, 'without-cells/index.mdx'), md(false));
  const outDir = join(root, 'dist');
  await buildSite({ slidesDir, outDir, cacheDir: join(root, '.cache') });

  const api = createSlowApi();
  const server = createServer((req, res) => api.handle(req, res) || void serveStatic(outDir, req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // tsx keeps function names with a helper that does not exist in the page: functions passed to evaluate need it
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(`http://localhost:${port}/with-cells/index.html`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    const cold = await runLatency(page, 'first');
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) warm.push(await runLatency(page, 'first'));
    log(`run latency, click → first line:     cold ${cold.toFixed(1)} ms (creates the sandbox), warm ${median(warm).toFixed(1)} ms median of 7  (target < 50 ms)`);

    await page.evaluate(() => (window as any).kowakunai.deck.slide(1));
    const totals: number[] = [];
    for (let i = 0; i < 3; i++) {
      await runLatency(page, 'tasks');
      totals.push(Number(await page.locator('live-cell[data-cell-id="tasks"]').getAttribute('data-total-ms')));
    }
    log(`timing overhead, tasks cell (1,2,3 s): ${totals.map((t) => `+${(t - 3000).toFixed(0)}`).join(', ')} ms over the ideal 3.000 s  (target < 20 ms)`);

    // in-page compile: the same worker and wasm the editor uses
    const compile = await page.evaluate(async (source) => {
      const w = new Worker(new URL('../assets/compiler-worker.js', location.href), { type: 'module' });
      const ask = (msg: unknown) => new Promise<any>((r) => { w.onmessage = (e) => (e.data.type !== 'warm' ? r(e.data) : undefined); w.postMessage(msg); });
      const t0 = performance.now();
      w.postMessage({ type: 'init', wasmURL: new URL('../assets/esbuild.wasm', location.href).href });
      await ask({ type: 'compile', id: 0, source: 'export {}', sourcefile: 'warm.ts' });
      const init = performance.now() - t0;
      const times: number[] = [];
      for (let i = 1; i <= 15; i++) {
        const t = performance.now();
        const r = await ask({ type: 'compile', id: i, source: source + `\n// ${i}`, sourcefile: 'cell.ts' });
        if (r.type !== 'compiled') throw new Error(JSON.stringify(r));
        times.push(performance.now() - t);
      }
      w.terminate();
      times.sort((a, b) => a - b);
      return { init, median: times[7], max: times[14] };
    }, THIRTY_LINES);
    log(`in-page compile, 30-line cell:        ${compile.median.toFixed(1)} ms median after warm-up (max ${compile.max.toFixed(1)}; load + first compile ${compile.init.toFixed(0)} ms)  (target < 20 ms)`);

    const withCells = firstPageWeight(outDir, 'with-cells');
    const without = firstPageWeight(outDir, 'without-cells');
    log(`first page with cells vs without:     ${(withCells.total / 1024).toFixed(1)} KB vs ${(without.total / 1024).toFixed(1)} KB gzip (CSS and JS identical: ${withCells.css === without.css && withCells.js === without.js}; the difference is the cells' own HTML, ${((withCells.html - without.html) / 1024).toFixed(1)} KB)`);
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
}
