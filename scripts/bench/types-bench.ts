/**
 * The editor's type checker (src/page/cells/types-worker.ts): what it costs and when. Builds the packages fixture
 * deck (p-limit beside it), opens the editor of its p-limit cell, types a call that is wrong against p-limit's own
 * types and times first keystroke → first red underline, cold (the worker starts with the editor) and warm (a
 * second edit), plus the bytes the checker loads (worker script, standard library, the packages' .d.ts) and that
 * the deck's first page loads none of them. Picked up by scripts/bench.ts as `types`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSite } from '../../src/node/pipeline/site.js';
import { gzipLength } from '../../src/node/pipeline/summary.js';
import { median, serveSite } from './bench-page.js';

const CHECKER = /\/assets\/(types-worker\.js|ts-lib\.json|packages\/types-[0-9a-f]+\.json)$/;

export async function benchTypes(log: (s: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-types-bench-'));
  const outDir = join(root, 'dist');
  await buildSite({ slidesDir: resolve('tests/fixtures/decks'), decks: ['packages'], outDir, record: false });
  const site = await serveSite(outDir);
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let round = 0; round < 3; round++) {
      const page = await site.newPage();
      const loaded = new Map<string, number>();
      page.context().on('requestfinished', (r) => {
        const path = new URL(r.url()).pathname;
        if (CHECKER.test(path)) r.sizes().then((s) => loaded.set(path, s.responseBodySize), () => {});
      });
      await page.goto(`${site.url}packages/index.html`);
      await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
      await page.waitForTimeout(1500);
      const early = loaded.size;
      const cell = page.locator('live-cell[data-cell-id="p-limit"]');
      await cell.locator('[data-role="code"] .line').nth(3).click();
      await page.waitForSelector('live-cell[data-cell-id="p-limit"] .cm-editor');
      await page.keyboard.press('Control+End');
      // first keystroke → first underline: the editor's debounce (300 ms) and the checker's start both count
      let t0 = Date.now();
      await page.keyboard.type("\nconst a = pLimit('two');");
      await page.waitForSelector('.cm-lintRange-error', { timeout: 120_000 });
      cold.push(Date.now() - t0);
      await page.keyboard.press('Control+z');
      await page.waitForSelector('.cm-lintRange-error', { state: 'detached', timeout: 60_000 });
      t0 = Date.now();
      await page.keyboard.type("\nconst b: string = limit.concurrency;");
      await page.waitForSelector('.cm-lintRange-error', { timeout: 60_000 });
      warm.push(Date.now() - t0);
      if (round === 0) {
        await page.waitForTimeout(500);
        log(`before the editor opens, checker files loaded: ${early}`);
        let raw = 0;
        let gz = 0;
        // sizes from the files themselves: a worker's script reports no body size to the page
        for (const path of loaded.keys()) {
          const bytes = readFileSync(join(outDir, path.replace(/^\//, '')));
          raw += bytes.length;
          gz += gzipLength(bytes);
          log(`  ${path.replace(/^\//, '')}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipLength(bytes) / 1024).toFixed(1)} KB gzip`);
        }
        log(`the checker loads ${(raw / 1024).toFixed(0)} KB (${(gz / 1024).toFixed(0)} KB gzip), once per page`);
      }
      await page.close();
    }
    log(`first keystroke → first diagnostic, cold (worker starts with the editor): median ${median(cold)} ms (${cold.join(', ')})`);
    log(`first keystroke → diagnostic, warm (second edit): median ${median(warm)} ms (${warm.join(', ')})`);
  } finally {
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
}
