/**
 * kowakunai pdf — <deck>.pdf (one page per slide) and <deck>-handout.pdf (slide, notes, recorded results) for
 * every deck, printed by a local Chromium ($CHROME_PATH, else the system's). Builds first when the site is
 * missing or older than the decks.
 */
import { join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { progressLine } from '../progress.js';
import { buildSite, findDecks, writeIndex, type IndexDeck } from '../pipeline/site.js';
import { formatSummary } from '../pipeline/summary.js';
import { exportPdfs, whyRebuild } from '../pdf/index.js';
import { indexDecksFromDisk } from '../pdf/index-decks.js';
import { decksFor, toolSources } from './decks.js';
import { outOption, type Verb } from './verb.js';

export const pdf: Verb = {
  name: 'pdf',
  summary: 'Write <deck>.pdf (one page per slide) and <deck>-handout.pdf (slides, notes, recorded results) beside the site.',
  args: '[deck.mdx | deck-folder | folder-of-decks …] [options]',
  options: { out: { type: 'string', value: 'dir', help: 'the site folder; the PDFs go there too (default: dist)' } },
  details: ['Needs Chrome or Chromium: $CHROME_PATH, else /usr/bin/chromium and the usual places.'],
  async run({ values, positionals }) {
    const selection = await decksFor(positionals);
    const outDir = outOption(values.out);
    const stale = await whyRebuild(outDir, selection.ids, [selection.slidesDir, ...toolSources()]);
    let listed: IndexDeck[];
    if (stale) {
      console.log(`building first: ${stale}`);
      const progress = progressLine();
      const summary = await buildSite({ outDir, slidesDir: selection.slidesDir, decks: selection.decks, progress: progress.step }).finally(() => progress.end());
      console.log(formatSummary(summary, relative(process.cwd(), outDir) || outDir));
      listed = summary.decks;
    } else {
      // every deck of the folder the site has a page for keeps its place in the index, not only those printed
      const built = (await findDecks(selection.slidesDir)).filter((id) => existsSync(join(outDir, id, 'index.html')));
      listed = await indexDecksFromDisk(selection.slidesDir, outDir, built);
    }
    await exportPdfs({ distDir: outDir, decks: selection.ids });
    // the index links a deck's PDFs only when they exist: write it again now that they do
    await writeIndex(outDir, listed);
    return 0;
  },
};
