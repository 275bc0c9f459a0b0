/**
 * kowakunai pdf — <deck>.pdf (one page per slide) and <deck>-handout.pdf (slide, notes, recorded results) for
 * every deck, printed by a local Chromium ($CHROME_PATH, else the system's). Builds first when the site is
 * missing or older than the decks.
 */
import { writeIndex } from '../pipeline/site.js';
import { exportPdfs } from '../pdf/index.js';
import { decksFor } from './decks.js';
import { drawingsOption } from './drawings-option.js';
import { freshSite } from './fresh-site.js';
import { outOption, type Verb } from './verb.js';

export const pdf: Verb = {
  name: 'pdf',
  summary: 'Write <deck>.pdf (one page per slide) and <deck>-handout.pdf (slides, notes, recorded results) beside the site.',
  args: '[deck.mdx | deck-folder | folder-of-decks …] [options]',
  options: {
    out: { type: 'string', value: 'dir', help: 'the site folder; the PDFs go there too (default: dist)' },
    'with-drawings': { type: 'string', value: 'file', help: "print the strokes of a file saved with the pen's ⤓ button on the slides" },
  },
  details: ['Needs Chrome or Chromium: $CHROME_PATH, else /usr/bin/chromium and the usual places.'],
  async run({ values, positionals }) {
    const selection = await decksFor(positionals);
    const drawings = await drawingsOption(values['with-drawings'], selection.ids);
    const outDir = outOption(values.out);
    const listed = await freshSite(selection, outDir);
    await exportPdfs({ distDir: outDir, decks: selection.ids, drawings });
    // the index links a deck's PDFs only when they exist: write it again now that they do
    await writeIndex(outDir, listed);
    return 0;
  },
};
