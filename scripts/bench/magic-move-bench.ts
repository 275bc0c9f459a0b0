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
      // the intervals between frames for 700 ms (a morph takes 650 ms)
      const frames = () =>
        page.evaluate(`new Promise((ok) => {
          const times = [];
          const end = performance.now() + 700;
          const frame = (t) => { times.push(t); if (t < end) requestAnimationFrame(frame); else ok(times.slice(1).map((x, i) => x - times[i])); };
          requestAnimationFrame(frame);
        })`) as Promise<number[]>;
      const idle: number[] = [];
      const morphing: number[] = [];
      for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowRight', 'ArrowLeft', 'ArrowRight']) {
        // the same window with nothing moving: what this machine gives at the moment (it is shared)
        idle.push(...(await frames()));
        const run = frames();
        await page.keyboard.press(key);
        morphing.push(...(await run));
      }
      const words = await page.evaluate('document.querySelectorAll(".present .k-mm-v .line > span").length');
      const stats = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        const p = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(1);
        return `p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${s.at(-1)!.toFixed(1)} ms (${s.length} frames)`;
      };
      log(`${'40-line morph, frame interval:'.padEnd(37)}${stats(morphing)}, 5 morphs of ${words} words`);
      log(`${'  the same, nothing moving:'.padEnd(37)}${stats(idle)}`);
    } finally {
      await browser.close();
    }
  } finally {
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
