import { readFile } from 'node:fs/promises';
import { compile } from '@mdx-js/mdx';
import type { Plugin as EsbuildPlugin } from 'esbuild';
import remarkFrontmatter from 'remark-frontmatter';
import { VFile } from 'vfile';
import type { DeckMeta } from '../../shared/types.js';
import { componentNames } from './components.js';
import { BuildError, BuildErrorList, toBuildErrors } from './errors.js';
import { rehypeHighlight } from './highlight.js';
import { remarkAssets, type DeckAsset } from './remark-assets.js';
import { remarkCells } from './remark-cells.js';
import { remarkCheckComponents } from './remark-check-components.js';
import { remarkDeckMeta } from './remark-deck-meta.js';
import { remarkNoteSteps } from './remark-note-steps.js';
import { remarkMagicMove } from './remark-magic-move.js';
import { remarkSplitSlides } from './remark-split-slides.js';

export interface CompiledMdx {
  js: string;
  meta: DeckMeta;
  assets: DeckAsset[];
}

/** MDX → JS (a preact component), through the deck pipeline: one tree transform per concern. */
export async function compileMdx(path: string, source?: string): Promise<CompiledMdx> {
  const value = source ?? (await readFile(path, 'utf8'));
  const file = new VFile({ path, value });
  const assets: DeckAsset[] = [];
  try {
    const out = await compile(file, {
      jsxImportSource: 'preact',
      remarkPlugins: [
        remarkFrontmatter,
        remarkDeckMeta,
        [remarkCheckComponents, { known: componentNames }],
        remarkSplitSlides,
        remarkMagicMove,
        remarkCells,
        remarkNoteSteps,
        [remarkAssets, { assets }],
      ],
      rehypePlugins: [await rehypeHighlight()],
    });
    return { js: String(out.value), meta: out.data.meta!, assets };
  } catch (error) {
    const errors = toBuildErrors(error, path);
    throw errors.length === 1 ? errors[0] : new BuildErrorList(errors);
  }
}

/** Lets esbuild bundle decks (and whatever components they import) with MDX compiled by us. */
export function mdxEsbuildPlugin(onDeck: (path: string, compiled: CompiledMdx) => void): EsbuildPlugin {
  return {
    name: 'kowakunai-mdx',
    setup(build) {
      build.onLoad({ filter: /\.mdx$/ }, async (args) => {
        try {
          const compiled = await compileMdx(args.path);
          onDeck(args.path, compiled);
          return { contents: compiled.js, loader: 'js', resolveDir: args.path.replace(/[/\\][^/\\]*$/, '') };
        } catch (error) {
          const list = error instanceof BuildError ? [error] : toBuildErrors(error, args.path);
          return {
            errors: list.map((e) => ({
              text: e.message,
              location: { file: e.file, line: e.line ?? 1, column: Math.max(0, (e.column ?? 1) - 1) },
              detail: e,
            })),
          };
        }
      });
    },
  };
}
