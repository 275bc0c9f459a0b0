/**
 * Magic move (npm run bench -- magic-move): the frame time of a 40-line morph in headless Chromium (p95 of the
 * intervals between animation frames while it runs; 16.7 ms is every frame at 60 Hz) and the size of the runtime
 * a deck with a magic move loads. Builds the test fixture deck (tests/fixtures/decks/morph) into a temporary folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildSite } from '../../src/node/pipeline/site.js';
import { serveStatic } from '../../src/node/server/static.js';

export async function benchMagicMove(log: (s: string) => void): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'kowakunai-mm-bench-'));
  const server = createServer((req, res) => void serveStatic(outDir, req, res));
  try {
    await buildSite({ slidesDir: resolve('tests/fixtures/decks'), decks: ['morph'], outDir });
    const chunk = readdirSync(join(outDir, 'assets', 'chunks')).find((f) => f.startsWith('magic-move-'))!;
    const bytes = readFileSync(join(outDir, 'assets', 'chunks', chunk));
    log(`${'runtime (magic-move chunk):'.padEnd(37)}${(bytes.length / 1024).toFixed(1)} KB, ${(gzipSync(bytes).length / 1024).toFixed(1)} KB gzip`);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`http://127.0.0.1:${port}/morph/index.html`);
      await page.waitForFunction('document.documentElement.classList.contains("deck-ready")');
      await page.evaluate(`(() => { const d = kowakunai.deck; d.slide(d.getSlides().findIndex((s) => s.dataset.section === 'mm-40'), 0, -1); })()`);
      const intervals: number[] = [];
      let moved = 0;
      for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowRight', 'ArrowLeft', 'ArrowRight']) {
        await page.waitForTimeout(400); // the slide (and the morph before) at rest
        const run = page.evaluate(`new Promise((ok) => {
          const times = [];
          const end = performance.now() + 700;
          const frame = (t) => { times.push(t); if (t < end) requestAnimationFrame(frame); else ok({ times, moving: document.getAnimations().length }); };
          requestAnimationFrame(frame);
        })`) as Promise<{ times: number[]; moving: number }>;
        await page.keyboard.press(key);
        const { times } = await run;
        for (let i = 1; i < times.length; i++) intervals.push(times[i] - times[i - 1]);
        moved = Math.max(moved, await page.evaluate('document.querySelectorAll(".present .k-mm-t").length'));
      }
      intervals.sort((a, b) => a - b);
      const p = (q: number) => intervals[Math.min(intervals.length - 1, Math.floor(q * intervals.length))].toFixed(1);
      log(`${'40-line morph, frame interval:'.padEnd(37)}p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${intervals.at(-1)!.toFixed(1)} ms (${intervals.length} frames, 5 morphs, ${moved} words)`);
    } finally {
      await browser.close();
    }
  } finally {
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
