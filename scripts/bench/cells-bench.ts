import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/node/pipeline/site.js';
import { clickToFirstLine, median, serveSite } from './bench-page.js';
import { firstPageWeight } from './deck-bench.js';

const TASKS = `import { sleep, createTask, print } from 'kowakunai';
async function think(name: string, s: number) { await sleep(s); print(name); }
const ts = [createTask('A', think, 'A', 1), createTask('B', think, 'B', 2), createTask('C', think, 'C', 3)];
for (const t of ts) await t;`;

/** A 30-line cell for the in-page compile benchmark. */
const THIRTY_LINES = Array.from({ length: 10 }, (_, i) => `interface Item${i} { id: number; name: string }
const items${i}: Item${i}[] = [{ id: ${i}, name: 'n${i}' }];
console.log(items${i}.map((x) => x.name).join(','));`).join('\n');

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

  const site = await serveSite(outDir);
  try {
    const page = await site.newPage();
    await page.goto(`${site.url}with-cells/index.html`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    const cold = await clickToFirstLine(page, 'first');
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) warm.push(await clickToFirstLine(page, 'first'));
    log(`run latency, click → first line:     cold ${cold.toFixed(1)} ms (creates the sandbox), warm ${median(warm).toFixed(1)} ms median of 7  (target < 50 ms)`);

    await page.evaluate(() => (window as any).kowakunai.deck.slide(1));
    const totals: number[] = [];
    for (let i = 0; i < 3; i++) {
      await clickToFirstLine(page, 'tasks');
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
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
}
