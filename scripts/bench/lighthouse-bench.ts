/**
 * Lighthouse's mobile run (its default: a phone screen, simulated slow 4G and a 4× slower CPU) on the built
 * site served with gzip: performance, accessibility and best practices for both talk decks and the 60-slide
 * bench deck, median of 3 runs each. On a phone our page is the reader (reflowed text), so this is what a
 * reader on a phone gets. Lighthouse is a devDependency; a machine without it gets a line saying so.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromePath } from '../../tests/browser/chromium.js';
import { median } from './bench-page.js';
import { serveGzip } from './compare-bench.js';
import { syntheticDeck } from './deck-bench.js';

interface Scores { performance: number; accessibility: number; bestPractices: number; fcpMs: number; lcpMs: number; tbtMs: number }

type RunLighthouse = (url: string, flags: object) => Promise<{ lhr: { categories: Record<string, { score: number | null }>; audits: Record<string, { numericValue?: number }> } } | undefined>;
type Launch = (o: { chromePath: string; chromeFlags: string[] }) => Promise<{ port: number; kill(): Promise<void> | void }>;

export async function benchLighthouse(log: (s: string) => void, siteDir = 'dist', runs = 3): Promise<void> {
  let lighthouse: RunLighthouse;
  let launch: Launch;
  try {
    lighthouse = ((await import('lighthouse')) as unknown as { default: RunLighthouse }).default;
    launch = ((await import('chrome-launcher')) as unknown as { launch: Launch }).launch;
  } catch {
    log('skipped: lighthouse is not installed (npm install, or npm i --no-save lighthouse@12)');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-lighthouse-'));
  const chrome = await launch({ chromePath: chromePath(), chromeFlags: ['--headless=new', '--no-sandbox'] });
  try {
    const { buildSite } = await import('../../src/node/pipeline/site.js');
    mkdirSync(join(root, 'slides/bench60'), { recursive: true });
    writeFileSync(join(root, 'slides/bench60/index.mdx'), syntheticDeck(60));
    await buildSite({ slidesDir: join(root, 'slides'), outDir: join(root, 'dist'), cacheDir: join(root, '.cache') });
    const targets: [string, string][] = [[siteDir, 'asyncio-ja'], [siteDir, 'asyncio-en'], [join(root, 'dist'), 'bench60']];
    log(`mobile, served with gzip, median of ${runs}   perf  a11y  best-pr.   FCP      LCP      TBT   (target: perf ≥ 95, others 100)`);
    for (const [dir, deck] of targets) {
      const site = await serveGzip(dir);
      const all: Scores[] = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(`${site.url}${deck}/index.html`, {
          port: chrome.port,
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
        });
        if (!result) throw new Error(`lighthouse gave no result for ${deck}`);
        const { categories: c, audits: a } = result.lhr;
        const score = (k: string) => Math.round((c[k]?.score ?? 0) * 100);
        all.push({
          performance: score('performance'),
          accessibility: score('accessibility'),
          bestPractices: score('best-practices'),
          fcpMs: a['first-contentful-paint']?.numericValue ?? NaN,
          lcpMs: a['largest-contentful-paint']?.numericValue ?? NaN,
          tbtMs: a['total-blocking-time']?.numericValue ?? NaN,
        });
      }
      site.close();
      const m = (k: keyof Scores) => median(all.map((s) => s[k]));
      const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(7);
      log(
        `  ${deck.padEnd(36)} ${String(m('performance')).padStart(4)}  ${String(m('accessibility')).padStart(4)}  ${String(m('bestPractices')).padStart(7)}  ${sec(m('fcpMs'))}  ${sec(m('lcpMs'))}  ${`${Math.round(m('tbtMs'))} ms`.padStart(7)}` +
          `   (perf runs: ${all.map((s) => s.performance).join(', ')})`,
      );
    }
  } finally {
    await chrome.kill();
    rmSync(root, { recursive: true, force: true });
  }
}
