/**
 * npm run pdf [-- deck …] — for every deck (or the ones named), dist/<deck>.pdf (one page per slide)
 * and dist/<deck>-handout.pdf (slide, notes, recorded cell results), printed by a local Chromium
 * ($CHROME_PATH, else /usr/bin/chromium). Builds first when dist/ is missing or older than slides/ or src/.
 */
import { relative, resolve } from 'node:path';
import { reportError } from './report-error.js';
import { buildSite, findDecks, writeIndex, type IndexDeck } from '../src/node/pipeline/site.js';
import { formatSummary } from '../src/node/pipeline/summary.js';
import { exportPdfs, whyRebuild } from '../src/node/pdf/index.js';
import { indexDecksFromDisk } from '../src/node/pdf/index-decks.js';

const outDir = resolve(process.env.KOWAKUNAI_OUT ?? 'dist');
const slidesDir = resolve(process.env.KOWAKUNAI_SLIDES ?? 'slides');

async function main(): Promise<void> {
  const all = await findDecks(slidesDir);
  const asked = process.argv.slice(2);
  const unknown = asked.filter((d) => !all.includes(d));
  if (unknown.length > 0) throw new Error(`no such deck: ${unknown.join(', ')} (decks: ${all.join(', ')})`);
  const decks = asked.length > 0 ? asked : all;

  const stale = await whyRebuild(outDir, all, [slidesDir, resolve('src')]);
  let listed: IndexDeck[];
  if (stale) {
    console.log(`building first: ${stale}`);
    const summary = await buildSite({ outDir, slidesDir });
    console.log(formatSummary(summary, relative(process.cwd(), outDir) || outDir));
    listed = summary.decks;
  } else {
    listed = await indexDecksFromDisk(slidesDir, outDir, all);
  }

  await exportPdfs({ distDir: outDir, decks });
  // the index links a deck's PDFs only when they exist: write it again now that they do
  await writeIndex(outDir, listed);
}

try {
  await main();
} catch (error) {
  reportError('pdf', error);
  process.exit(1);
}
