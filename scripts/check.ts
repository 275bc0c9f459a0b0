/**
 * npm run check [-- deck …] [-- --run] — the fit check for authors: every slide of every deck (or the
 * ones named) must stay inside 1280×720 with nothing cut, in the live view and in the print view
 * (what the slides PDF prints). `--run` also runs every cell and looks again. Builds first when
 * dist/ is missing or older than slides/ or src/. Exits 1 and names deck, slide and element when
 * something does not fit.
 */
import { relative, resolve } from 'node:path';
import { reportError } from './report-error.js';
import { buildSite, findDecks } from '../src/node/pipeline/site.js';
import { formatSummary } from '../src/node/pipeline/summary.js';
import { checkDeckFit, formatProblem, type FitView, type SlideProblem } from '../src/node/check/check-deck.js';
import { findBrowser, launchBrowser } from '../src/node/pdf/browser.js';
import { whyRebuild } from '../src/node/pdf/index.js';
import { serveSite } from '../src/node/pdf/serve.js';

const outDir = resolve(process.env.KOWAKUNAI_OUT ?? 'dist');
const slidesDir = resolve(process.env.KOWAKUNAI_SLIDES ?? 'slides');

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = args.filter((a) => a.startsWith('-'));
  const unknownFlag = flags.find((f) => f !== '--run');
  if (unknownFlag) throw new Error(`unknown option ${unknownFlag} (usage: npm run check -- [deck …] [--run])`);
  const all = await findDecks(slidesDir);
  const asked = args.filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((d) => !all.includes(d));
  if (unknown.length > 0) throw new Error(`no such deck: ${unknown.join(', ')} (decks: ${all.join(', ')})`);
  const decks = asked.length > 0 ? asked : all;
  const views: FitView[] = flags.includes('--run') ? ['live', 'print', 'run'] : ['live', 'print'];

  const stale = await whyRebuild(outDir, all, [slidesDir, resolve('src')]);
  if (stale) {
    console.log(`building first: ${stale}`);
    const summary = await buildSite({ outDir, slidesDir });
    console.log(formatSummary(summary, relative(process.cwd(), outDir) || outDir));
  }
  const started = performance.now();
  const site = await serveSite(outDir);
  const browser = await launchBrowser(findBrowser().path);
  const problems: SlideProblem[] = [];
  try {
    console.log(`checking that every slide fits 1280×720: ${decks.join(', ')}`);
    for (const deck of decks) {
      const found = await checkDeckFit(browser, `${site.url}${encodeURIComponent(deck)}/`, deck, { views, log: console.log });
      for (const p of found) console.log(`    ${formatProblem(p)}`);
      problems.push(...found);
    }
  } finally {
    await browser.close();
    await site.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (problems.length === 0) {
    console.log(`every slide fits (${decks.length} deck${decks.length === 1 ? '' : 's'}, ${views.join(' + ')}, ${seconds} s)`);
    return 0;
  }
  const slides = new Set(problems.map((p) => `${p.deck}#${p.slide}`)).size;
  console.error(`\n${problems.length} problem(s) on ${slides} slide(s) do not fit (${seconds} s)`);
  return 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  reportError('check', error);
  process.exitCode = 2;
}
