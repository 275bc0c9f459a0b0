/**
 * kowakunai check — the fit check for authors: every slide must stay inside 1280×720 with nothing cut, in the
 * live view, in the print view (what the slides PDF prints) and in the handout. --run also runs every cell and looks again.
 * Builds first when the site is missing or older than the decks. Exits 1 naming deck, slide and element.
 */
import { buildDecks } from '../pipeline/site.js';
import { checkRecordings } from '../check/check-recordings.js';
import { checkDeckFit, formatProblem, type FitView, type SlideProblem } from '../check/check-deck.js';
import { findBrowser, launchBrowser } from '../pdf/browser.js';
import { serveSite } from '../pdf/serve.js';
import { decksFor } from './decks.js';
import { rebuildIfStale } from './fresh-site.js';
import { outOption, type Verb } from './verb.js';

export const check: Verb = {
  name: 'check',
  summary: 'Check that every slide fits 1280×720 with nothing cut (live, print, handout) and every cell has a plausible recording; exit 1 naming what.',
  args: '[deck.mdx | deck-folder | folder-of-decks …] [options]',
  options: {
    out: { type: 'string', value: 'dir', help: 'the site folder (default: dist; built first when stale)' },
    run: { type: 'boolean', help: 'also run every cell and look again' },
  },
  details: ['Needs Chrome or Chromium: $CHROME_PATH, else /usr/bin/chromium and the usual places.'],
  async run({ values, positionals }) {
    const selection = await decksFor(positionals);
    const outDir = outOption(values.out);
    const views: FitView[] = values.run ? ['live', 'print', 'handout', 'run'] : ['live', 'print', 'handout'];
    const rebuilt = await rebuildIfStale(selection, outDir);
    const started = performance.now();
    // the recordings: each cell's current code recorded, each run as the deck says it goes (nothing is run here);
    // a build just made has the decks already
    const built = rebuilt ?? (await buildDecks({ slidesDir: selection.slidesDir, decks: selection.decks, record: 'recorded-only' }));
    const recordingProblems = checkRecordings(built);
    for (const p of recordingProblems) console.log(`    ${p.deck} cell "${p.cell}": ${p.detail}`);
    const site = await serveSite(outDir);
    const browser = await launchBrowser(findBrowser().path);
    const problems: SlideProblem[] = [];
    try {
      console.log(`checking that every slide fits 1280×720: ${selection.ids.join(', ')}`);
      for (const deck of selection.ids) {
        const found = await checkDeckFit(browser, `${site.url}${encodeURIComponent(deck)}/`, deck, { views, log: console.log });
        for (const p of found) console.log(`    ${formatProblem(p)}`);
        problems.push(...found);
      }
    } finally {
      await browser.close();
      await site.close();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const n = selection.ids.length;
    if (problems.length === 0 && recordingProblems.length === 0) {
      console.log(`every slide fits (${n} deck${n === 1 ? '' : 's'}, ${views.join(' + ')}, ${seconds} s); every recording is current`);
      return 0;
    }
    const slides = new Set(problems.map((p) => `${p.deck}#${p.slide}`)).size;
    if (problems.length > 0) console.error(`\n${problems.length} problem(s) on ${slides} slide(s) do not fit (${seconds} s)`);
    if (recordingProblems.length > 0) console.error(`${recordingProblems.length} recording(s) to look at (${seconds} s)`);
    return 1;
  },
};
