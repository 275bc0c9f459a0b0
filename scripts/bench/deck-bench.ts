import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/node/pipeline/site.js';
import { gzipLength, gzipSize } from '../../src/node/pipeline/summary.js';

/** A synthetic 60-slide deck: headings, bullets, a code block on every third slide, notes everywhere. */
export function syntheticDeck(slides = 60): string {
  const parts = ['---\ntitle: Bench deck\nlang: en\n---\n'];
  for (let i = 1; i <= slides; i++) {
    let body = `## Slide ${i}\n\n- first point of slide ${i}\n- second point, a little longer than the first\n- third point\n`;
    if (i % 3 === 0) body += `\n\`\`\`python {2}\nimport asyncio\nasync def main(n={${i}}):\n    await asyncio.sleep(${i})\n\`\`\`\n`;
    body += `\n<Notes>Notes for slide ${i}: what the speaker says here.</Notes>\n`;
    parts.push(body);
  }
  return parts.join('\n---\n\n');
}

/** HTML (font CSS and code CSS inlined) + the stylesheets and JS it loads on first paint (not chunks loaded later, not fonts), gzip. */
export function firstPageWeight(distDir: string, deck: string): { html: number; css: number; js: number; total: number } {
  const html = readFileSync(join(distDir, deck, 'index.html'));
  const gz = gzipLength;
  const sheets = [...html.toString().matchAll(/<link rel="stylesheet" href="\.\.\/([^"]+)"/g)].map((m) => m[1]);
  const css = sheets.reduce((n, f) => n + gz(readFileSync(join(distDir, f))), 0);
  // deck.js plus the chunks it imports statically (esbuild emits `import … from "./chunks/…"`)
  const js = readFileSync(join(distDir, 'assets/deck.js'));
  let jsTotal = gz(js);
  for (const m of js.toString().matchAll(/import\s*(?:[\w*{}\s,$]+from\s*)?"\.\/(chunks\/[^"]+\.js)"/g)) {
    jsTotal += gz(readFileSync(join(distDir, 'assets', m[1])));
  }
  const h = gz(html);
  return { html: h, css, js: jsTotal, total: h + css + jsTotal };
}

export async function benchDeck(log: (s: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-bench-'));
  const slidesDir = join(root, 'slides');
  mkdirSync(join(slidesDir, 'bench60'), { recursive: true });
  const file = join(slidesDir, 'bench60/index.mdx');
  writeFileSync(file, syntheticDeck(60));
  const outDir = join(root, 'dist');

  const t0 = performance.now();
  const cold = await buildSite({ slidesDir, outDir, cacheDir: join(root, '.cache') });
  const coldMs = performance.now() - t0;
  log(`cold build, 60-slide deck:           ${(coldMs / 1000).toFixed(2)} s  (target < 2 s; ${cold.decks[0].slides} slides, ${cold.decks[0].codeBlocks} code blocks, incl. browser bundle)`);

  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/## Slide 7\b.*/, `## Slide 7 (edit ${i})`));
    const t = performance.now();
    await buildSite({ slidesDir, outDir, cacheDir: join(root, '.cache'), decks: ['bench60'], client: false });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  log(`rebuild after touching one slide:    ${Math.round(times[2])} ms median of 5 (min ${Math.round(times[0])}, max ${Math.round(times[4])})`);
  const w = firstPageWeight(outDir, 'bench60');
  log(`first page, 60-slide deck (gzip):    ${(w.total / 1024).toFixed(1)} KB = HTML ${(w.html / 1024).toFixed(1)} + CSS ${(w.css / 1024).toFixed(1)} + JS ${(w.js / 1024).toFixed(1)}  (target ≤ 100 KB)`);
  rmSync(root, { recursive: true, force: true });
}

export function benchSiteWeights(distDir: string, log: (s: string) => void): void {
  const decks = (readFileSync(join(distDir, 'index.html'), 'utf8').match(/data-deck="([^"]+)"/g) ?? []).map((m) => m.slice(11, -1));
  for (const d of decks) {
    const w = firstPageWeight(distDir, d);
    log(`first page ${d.padEnd(14)} (gzip):   ${(w.total / 1024).toFixed(1)} KB = HTML ${(w.html / 1024).toFixed(1)} + CSS ${(w.css / 1024).toFixed(1)} + JS ${(w.js / 1024).toFixed(1)}`);
  }
  const wasm = statSync(join(distDir, 'assets/esbuild.wasm')).size;
  log(`lazy, not on the first page:         esbuild.wasm ${(wasm / 1048576).toFixed(1)} MB raw, ${(gzipSize(join(distDir, 'assets/esbuild.wasm')) / 1048576).toFixed(2)} MB gzip`);
}

/** Save → the open page has reloaded with the change, through the dev server, in Chromium. */
export async function benchDevReload(log: (s: string) => void): Promise<void> {
  const { cpSync } = await import('node:fs');
  const { chromium } = await import('playwright-core');
  const { startDevServer } = await import('../../src/node/server/dev-server.js');
  const { chromePath, CHROME_ARGS } = await import('../../tests/browser/chromium.js');
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-reload-'));
  const slidesDir = join(root, 'slides');
  cpSync('slides/example', join(slidesDir, 'example'), { recursive: true });
  const dev = await startDevServer({ port: 0, slidesDir, outDir: join(root, 'dist'), log: () => {} });
  const browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${dev.url}example/index.html`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready') && document.documentElement.dataset.devServer === 'connected');
    const file = join(slidesDir, 'example/index.mdx');
    const original = readFileSync(file, 'utf8');
    const times: number[] = [];
    // a mark on the page's window: still there after the change, the slides were swapped in; gone, it reloaded
    await page.evaluate(() => ((window as unknown as { benchMark: boolean }).benchMark = true));
    let swapped = 0;
    for (let i = 1; i <= 5; i++) {
      const marker = `edit ${i}`;
      const t = Date.now();
      writeFileSync(file, original.replace('# Writing a kowakunai deck', `# Writing a kowakunai deck ${marker}`));
      await page.waitForFunction((m) => document.querySelector('h1')?.textContent?.includes(m) && document.documentElement.classList.contains('deck-ready'), marker, { timeout: 20_000 });
      times.push(Date.now() - t);
      if (await page.evaluate(() => (window as unknown as { benchMark?: boolean }).benchMark)) swapped++;
      await page.evaluate(() => ((window as unknown as { benchMark: boolean }).benchMark = true));
      await page.waitForFunction(() => document.documentElement.dataset.devServer === 'connected');
    }
    times.sort((a, b) => a - b);
    log(`dev server, save → change shown:     ${times[2]} ms median of 5 (min ${times[0]}, max ${times[4]}; ${swapped} of 5 swapped in place, the rest reloaded)  (target ≤ 200 ms)`);
  } finally {
    await browser.close();
    await dev.close();
    rmSync(root, { recursive: true, force: true });
  }
}
