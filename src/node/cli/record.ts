/** kowakunai record — runs the decks' cells again and writes their recordings.json (then builds the site). */
import { relative } from 'node:path';
import { recordingsPath } from '../pipeline/cells/recordings-file.js';
import { buildSite, deckFile } from '../pipeline/site.js';
import { progressLine } from '../progress.js';
import { decksFor } from './decks.js';
import { outOption, UsageError, type Verb } from './verb.js';

export const record: Verb = {
  name: 'record',
  summary: "Record the decks' live cells into recordings.json beside each deck: what is missing or stale, or what you name.",
  args: '[deck.mdx | deck-folder | folder-of-decks …] [options]',
  options: {
    only: { type: 'string', value: 'cell-id', help: 'run this cell again, even though its recording is current' },
    force: { type: 'boolean', help: 'run every cell again' },
    out: { type: 'string', value: 'dir', help: 'where the site is written afterwards (default: dist)' },
  },
  details: [
    'A build records only cells whose code (or kowakunai\'s runtime) changed; record --force re-runs them all,',
    'e.g. after a demo ran on a busy machine. Commit recordings.json with the deck: it is reviewed like the slides.',
  ],
  async run({ values, positionals }) {
    const selection = await decksFor(positionals);
    const only = typeof values.only === 'string' ? values.only : undefined;
    const asked = new Set<string>();
    const rerecord = only ? (id: string) => id === only && asked.add(id).size > 0 : values.force ? () => true : undefined;
    const progress = progressLine();
    const summary = await buildSite({ outDir: outOption(values.out), slidesDir: selection.slidesDir, decks: selection.decks, rerecord, progress: progress.step }).finally(
      () => progress.end(),
    );
    if (only && asked.size === 0) {
      const ids = summary.decks.flatMap((d) => d.cells.map((c) => c.id));
      throw new UsageError(`no cell "${only}" in ${selection.ids.join(', ')} (cells: ${[...new Set(ids)].join(', ') || 'none'})`);
    }
    for (const deck of summary.decks) {
      const file = relative(process.cwd(), recordingsPath(deckFile(selection.slidesDir, deck.id)));
      const recorded = deck.cells.filter((c) => deck.recorded.has(c.id)).length;
      console.log(`${deck.id}: ${recorded} of ${deck.cells.length} cells recorded → ${file}`);
    }
    return 0;
  },
};
