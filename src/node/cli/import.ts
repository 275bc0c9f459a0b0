/** kowakunai import — a deck written for Slidev, Marp, reveal.js or mdx-deck, rewritten as a kowakunai .mdx beside it. */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { toBuildErrors } from '../pipeline/errors.js';
import { DIALECT_NAMES } from '../pipeline/foreign/index.js';
import { toKowakunaiMdx } from '../pipeline/foreign/to-mdx.js';
import { compileMdx } from '../pipeline/mdx.js';
import { UsageError, type Verb } from './verb.js';

const FROM = ['slidev', 'marp', 'reveal', 'mdx-deck', 'markdown'];

export const importDeck: Verb = {
  name: 'import',
  summary: 'Rewrite a Slidev, Marp, reveal.js or mdx-deck deck as a kowakunai .mdx beside it (build reads them as they are, too).',
  args: '<deck.md | deck.mdx> [options]',
  options: {
    from: { type: 'string', value: FROM.join('|'), help: 'the tool it was written for (default: detected, and printed)' },
    force: { type: 'boolean', help: 'overwrite the .mdx if it exists' },
  },
  details: ['Example: kowakunai import talk.md   (writes talk.mdx; talk.md is left as it was)'],
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('name one deck file: kowakunai import talk.md');
    const from = typeof values.from === 'string' ? values.from : undefined;
    if (from && !FROM.includes(from)) throw new UsageError(`--from is one of ${FROM.join(', ')}, not ${from}`);
    const path = resolve(positionals[0]!);
    if (!existsSync(path)) throw new UsageError(`no such file: ${positionals[0]}`);
    const out = path.endsWith('.mdx') ? path.replace(/\.mdx$/, '.kowakunai.mdx') : path.replace(/\.md$/, '') + '.mdx';
    if (existsSync(out) && !values.force) throw new UsageError(`${relative(process.cwd(), out)} exists; not overwriting it (--force to replace it)`);
    let imported;
    try {
      imported = toKowakunaiMdx(path, await readFile(path, 'utf8'), from);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    await writeFile(out, imported.mdx);
    const shown = relative(process.cwd(), out) || out;
    console.log(`read ${relative(process.cwd(), path)} as ${DIALECT_NAMES[imported.dialect]}; wrote ${shown}`);
    for (const n of imported.notes) console.log(`  note: ${n}`);
    // the file it wrote must build: say so, or say where it does not
    try {
      const compiled = await compileMdx(out);
      for (const w of compiled.warnings) console.log(w);
      console.log(`${shown} builds: kowakunai dev ${shown}`);
      return 0;
    } catch (error) {
      for (const e of toBuildErrors(error, out)) console.error(e.format());
      console.error(`${shown} was written but does not build yet: fix the places above`);
      return 1;
    }
  },
};
