/**
 * kowakunai export — the decks as PNGs, a PPTX or a PDF with bookmarks, for organisers who ask for them.
 * Builds first when the site is missing or older than the decks.
 */
import { relative, resolve } from 'node:path';
import { exportDecks, EXPORT_FORMATS, type ExportFormat } from '../export/export-decks.js';
import { parseRange } from '../export/range.js';
import { progressLine } from '../progress.js';
import { decksFor } from './decks.js';
import { drawingsOption } from './drawings-option.js';
import { freshSite } from './fresh-site.js';
import { outOption, UsageError, type Verb } from './verb.js';

export const exportVerb: Verb = {
  name: 'export',
  summary: 'Export decks as PNGs (1920×1080, one per slide), a PPTX (slides as pictures, with notes) or a PDF with bookmarks.',
  args: '[deck.mdx | deck-folder | folder-of-decks …] --format png|pptx|pdf [options]',
  options: {
    format: { type: 'string', value: 'png|pptx|pdf', help: 'what to write (required)' },
    out: { type: 'string', value: 'dir', help: 'where the files go (default: dist/export)' },
    range: { type: 'string', value: 'slides', help: 'only these slides, e.g. 3-7,10 (numbers as the slide number shows them)' },
    steps: { type: 'boolean', help: 'one image, slide or page per step of a slide, not only its final state' },
    'with-drawings': { type: 'string', value: 'file', help: "draw the strokes of a file saved with the pen's ⤓ button" },
    site: { type: 'string', value: 'dir', help: 'the built site to export from (default: dist)' },
  },
  details: [
    'Files: <deck>-<slide>.png (with --steps <deck>-<slide>-<step>.png), <deck>.pptx, <deck>.pdf.',
    'Example: kowakunai export asyncio-en --format pptx --range 1-10',
    'Needs Chrome or Chromium: $CHROME_PATH, else /usr/bin/chromium and the usual places.',
  ],
  async run({ values, positionals }) {
    const format = values.format;
    if (typeof format !== 'string' || !EXPORT_FORMATS.includes(format as ExportFormat)) {
      throw new UsageError(`${format === undefined ? 'say which format: ' : `unknown format "${String(format)}": `}--format ${EXPORT_FORMATS.join('|')}`);
    }
    // a mistyped range fails before anything is built or started
    const range = typeof values.range === 'string' ? parseRangeOption(values.range) : undefined;
    const selection = await decksFor(positionals);
    const drawings = await drawingsOption(values['with-drawings'], selection.ids);
    const siteDir = outOption(values.site);
    const outDir = typeof values.out === 'string' ? resolve(values.out) : resolve(siteDir, 'export');
    await freshSite(selection, siteDir);
    const progress = progressLine();
    const started = performance.now();
    const done = await exportDecks({
      distDir: siteDir,
      outDir,
      decks: selection.ids,
      format: format as ExportFormat,
      range,
      steps: values.steps === true,
      drawings,
      progress: progress.step,
    }).finally(() => progress.end());
    const shown = relative(process.cwd(), outDir) || outDir;
    for (const d of done) {
      const what = format === 'png' ? `${d.count} PNG${d.count === 1 ? '' : 's'}` : `${relative(process.cwd(), d.files[0]) || d.files[0]} (${d.count} ${format === 'pdf' ? 'pages' : 'slides'})`;
      console.log(`${d.deck}: ${what} in ${(d.ms / 1000).toFixed(1)} s`);
    }
    console.log(`exported ${done.length} deck${done.length === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s → ${shown}`);
    return 0;
  },
};

function parseRangeOption(text: string) {
  try {
    return parseRange(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
