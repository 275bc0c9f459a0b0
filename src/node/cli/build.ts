/** kowakunai build — the static site (or, with --single-file, one offline HTML file per deck). */
import { relative } from 'node:path';
import { progressLine } from '../progress.js';
import { buildSite } from '../pipeline/site.js';
import { formatSummary } from '../pipeline/summary.js';
import { buildSingleFiles } from '../pipeline/single-file.js';
import { kb } from '../pipeline/summary.js';
import { decksFor } from './decks.js';
import { outOption, type Verb } from './verb.js';

export const build: Verb = {
  name: 'build',
  summary: 'Write the static site: every deck, its handout, the index, fonts and the cell runtime.',
  args: '[deck.mdx | deck-folder | folder-of-decks …] [options]',
  options: {
    out: { type: 'string', value: 'dir', help: 'where the site goes (default: dist)' },
    'single-file': { type: 'boolean', help: 'write <out>/<deck>.html instead: one file per deck, everything inlined, opens from file:// offline' },
  },
  details: [
    'Decks: a .mdx file, a folder with an index.mdx, or a folder of those; default slides/ if there is one, else the current folder.',
    'Bad input fails the build at file:line:col (exit code 1).',
    'Example: kowakunai build talk.mdx --single-file',
  ],
  async run({ values, positionals }) {
    const selection = await decksFor(positionals);
    const outDir = outOption(values.out);
    const shownOut = relative(process.cwd(), outDir) || outDir;
    if (values['single-file']) {
      const started = performance.now();
      const written = await buildSingleFiles({ slidesDir: selection.slidesDir, outDir, decks: selection.decks });
      for (const w of written) console.log(`${relative(process.cwd(), w.file)}  ${kb(w.bytes)}  (${w.slides} slides; ${w.note})`);
      console.log(`built ${written.length} single-file deck(s) in ${((performance.now() - started) / 1000).toFixed(2)} s`);
      return 0;
    }
    const progress = progressLine();
    const summary = await buildSite({ outDir, slidesDir: selection.slidesDir, decks: selection.decks, progress: progress.step }).finally(() => progress.end());
    console.log(formatSummary(summary, shownOut));
    return 0;
  },
};
