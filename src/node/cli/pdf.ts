/**
 * kowakunai pdf — <deck>.pdf (one page per slide) and <deck>-handout.pdf (slide, notes, recorded results) for
 * every deck, printed by a local Chromium ($CHROME_PATH, else the system's). Builds first when the site is
 * missing or older than the decks.
 */
import { join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { buildSite, findDecks, writeIndex, type IndexDeck } from '../pipeline/site.js';
import { formatSummary } from '../pipeline/summary.js';
import { exportPdfs, whyRebuild } from '../pdf/index.js';
import { indexDecksFromDisk } from '../pdf/index-decks.js';
import { readDeckInputs } from '../pipeline/deck-inputs.js';
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
    // the decks' own files, as the last build read them; a deck never built here: its whole folder
    const own = (await readDeckInputs(outDir, selection.ids)) ?? [selection.slidesDir];
    const stale = await whyRebuild(outDir, selection.ids, [...own, ...toolSources()]);
    let listed: IndexDeck[];
    if (stale) {
      console.log(`building first: ${stale}`);
      const summary = await buildSite({ outDir, slidesDir: selection.slidesDir, decks: selection.decks });
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
