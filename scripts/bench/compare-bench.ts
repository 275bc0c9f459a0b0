/**
 * Side by side, in one run: the 60-slide bench deck built by kowakunai and the same slides as a plain reveal.js
 * page (reveal.js alone: its white theme, the notes plugin, no cells, no highlighting), both served with gzip.
 * First-page bytes and requests, first contentful paint (median of 3, fresh browser context each), the font
 * files each real deck's first page fetches, and `npm run build` of the bench deck as a whole process.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { chromePath, CHROME_ARGS } from '../../tests/browser/chromium.js';
import { median } from './bench-page.js';
import { syntheticDeck } from './deck-bench.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
};

/** A static server that gzips what compresses (as hosts do), so the browser's byte counts are transfer sizes. */
export async function serveGzip(dir: string): Promise<{ url: string; close(): void }> {
  const memo = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    let body: Buffer;
    try {
      body = readFileSync(join(dir, path));
    } catch {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    if (/text|javascript|json|svg|wasm/.test(type)) {
      const gz = memo.get(path) ?? gzipSync(body, { level: 6 });
      memo.set(path, gz);
      res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip', 'Content-Length': gz.length }).end(gz);
    } else res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://localhost:${(server.address() as { port: number }).port}/`, close: () => server.close() };
}

/** The built deck's slides as reveal.js alone would show them: code as plain text, the same notes. */
function plainRevealPage(builtHtml: string, title: string): string {
  const slides = builtHtml.slice(builtHtml.indexOf('<div class="slides">') + 20, builtHtml.lastIndexOf('</div>\n</div>\n</body>'));
  const plain = slides.replace(/<pre class="shiki[^>]*>([\s\S]*?)<\/pre>/g, (_m, inner: string) => `<pre><code>${inner.replace(/<[^>]+>/g, '')}</code></pre>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="reveal.css"><link rel="stylesheet" href="white.css">
</head><body><div class="reveal"><div class="slides">${plain}</div></div>
<script src="reveal.js"></script><script src="notes.js"></script>
<script>Reveal.initialize({ hash: true, width: 1280, height: 720, plugins: [RevealNotes] });</script>
</body></html>
`;
}

interface PageFigures { bytes: number; requests: number; fcp: number[]; fonts: { bytes: number; requests: number } }

async function measure(browser: Browser, url: string, ready: string | null, runs = 3): Promise<PageFigures> {
  const out: PageFigures = { bytes: 0, requests: 0, fcp: [], fonts: { bytes: 0, requests: 0 } };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const sizes: Promise<void>[] = [];
    let bytes = 0, requests = 0, fontBytes = 0, fontRequests = 0;
    page.on('requestfinished', (r) => {
      requests++;
      const font = r.resourceType() === 'font';
      if (font) fontRequests++;
      sizes.push(r.sizes().then((s) => { bytes += s.responseBodySize; if (font) fontBytes += s.responseBodySize; }, () => {}));
    });
    await page.goto(url, { waitUntil: 'load' });
    if (ready) await page.waitForFunction(ready); // an expression, true once the deck has booted
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(800); // late requests of the first page (fonts, idle-time chunks)
    await Promise.all(sizes);
    out.fcp.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    if (i === 0) Object.assign(out, { bytes, requests, fonts: { bytes: fontBytes, requests: fontRequests } });
    await context.close();
  }
  return out;
}

const BOOTED = "document.documentElement.classList.contains('deck-ready')";
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function benchCompare(log: (s: string) => void, siteDir = 'dist'): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-compare-'));
  const slidesDir = join(root, 'slides');
  mkdirSync(join(slidesDir, 'bench60'), { recursive: true });
  writeFileSync(join(slidesDir, 'bench60/index.mdx'), syntheticDeck(60));
  const outDir = join(root, 'dist');

  // npm run build as a user runs it, a whole process each time; the first run fills the caches (cells, fonts, CLI bundle)
  const args = ['bin/kowakunai.mjs', 'build', slidesDir, '--out', outDir];
  const runBuild = () => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
    return performance.now() - t;
  };
  const first = runBuild();
  const cold = [runBuild(), runBuild(), runBuild()];
  log(`npm run build, 60-slide deck, whole process: ${(median(cold) / 1000).toFixed(2)} s median of 3 (${cold.map((t) => (t / 1000).toFixed(2)).join(', ')}; target ≤ 2.0 s; first run, filling this deck's font cache, ${(first / 1000).toFixed(2)} s)`);

  const plainDir = join(outDir, 'plain');
  mkdirSync(plainDir, { recursive: true });
  const rv = join('node_modules', 'reveal.js', 'dist');
  for (const [from, to] of [['reveal.css', 'reveal.css'], ['theme/white.css', 'white.css'], ['reveal.js', 'reveal.js'], ['plugin/notes.js', 'notes.js']]) copyFileSync(join(rv, from), join(plainDir, to));
  writeFileSync(join(plainDir, 'index.html'), plainRevealPage(readFileSync(join(outDir, 'bench60/index.html'), 'utf8'), 'Bench deck'));

  const bench = await serveGzip(outDir);
  const site = await serveGzip(siteDir);
  const browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
  try {
    const k = await measure(browser, `${bench.url}bench60/index.html`, BOOTED);
    const p = await measure(browser, `${bench.url}plain/index.html`, "!!document.querySelector('.reveal.ready')");
    log('first page, 60-slide deck, served with gzip   kowakunai      plain reveal.js');
    log(`  bytes transferred (all, fonts included)     ${kb(k.bytes).padStart(10)}   ${kb(p.bytes).padStart(14)}`);
    log(`  requests                                    ${String(k.requests).padStart(10)}   ${String(p.requests).padStart(14)}`);
    log(`  first contentful paint, median of 3         ${`${median(k.fcp).toFixed(0)} ms`.padStart(10)}   ${`${median(p.fcp).toFixed(0)} ms`.padStart(14)}`);
    for (const deck of ['asyncio-ja', 'asyncio-en', 'example']) {
      const d = await measure(browser, `${site.url}${deck}/index.html`, BOOTED, 1);
      log(`fonts, ${deck.padEnd(11)} first page: ${d.fonts.requests} requests, ${kb(d.fonts.bytes)}  (page total ${kb(d.bytes)} in ${d.requests} requests${deck === 'asyncio-ja' ? '; target ≤ 4 and ≤ 250 KB' : ''})`);
    }
  } finally {
    await browser.close();
    bench.close();
    site.close();
    rmSync(root, { recursive: true, force: true });
  }
}
