import { readFile } from 'node:fs/promises';
import { compile } from '@mdx-js/mdx';
import type { Plugin as EsbuildPlugin } from 'esbuild';
import { relative } from 'node:path';
import rehypeRaw from 'rehype-raw';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { PluggableList } from 'unified';
import { VFile } from 'vfile';
import type { DeckMeta } from '../../shared/types.js';
import { componentNames } from './components.js';
import { BuildError, BuildErrorList, toBuildErrors } from './errors.js';
import { foreignComponentNames } from './foreign-components.js';
import { DIALECT_NAMES, prepareDeck, type Dialect } from './foreign/index.js';
import { rehypeForeignHtml } from './foreign/rehype-foreign-html.js';
import { remarkForeignSlides } from './foreign/remark-foreign-slides.js';
import { remarkMarpImages } from './foreign/remark-marp-images.js';
import { remarkRevealAttributes } from './foreign/remark-reveal-attributes.js';
import { rehypeSlideFootnotes } from './rehype-slide-footnotes.js';
import { rehypeHighlight } from './highlight.js';
import { remarkAssets, type DeckAsset } from './remark-assets.js';
import { remarkCells } from './remark-cells.js';
import { remarkCheckComponents } from './remark-check-components.js';
import { remarkDeckMeta } from './remark-deck-meta.js';
import { remarkNoteSteps } from './remark-note-steps.js';
import { remarkMagicMove } from './remark-magic-move.js';
import { remarkEmoji } from './remark-emoji.js';
import { remarkSplitSlides } from './remark-split-slides.js';

export interface CompiledMdx {
  js: string;
  meta: DeckMeta;
  assets: DeckAsset[];
  /** the tool the deck was written for, and why we think so */
  dialect: Dialect;
  dialectReason: string;
  /** `file:line:col: warning: …`: it builds, but the author should know */
  warnings: string[];
}

/** MDX's own nodes, which rehype-raw (re-parsing a Markdown deck's HTML) must carry through untouched. */
const MDX_NODES = ['mdxjsEsm', 'mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression'];

/**
 * A deck → JS (a preact component), through the deck pipeline: one tree transform per concern. A `.md` deck is
 * Markdown (CommonMark + GFM, raw HTML kept and made safe); a deck written for another tool (Slidev, Marp,
 * reveal.js, mdx-deck) first goes through its dialect's pre-pass (foreign/), which says where its slides are.
 */
export async function compileMdx(path: string, source?: string): Promise<CompiledMdx> {
  const value = source ?? (await readFile(path, 'utf8'));
  const prepared = prepareDeck(path, value);
  const { dialect } = prepared;
  const markdown = !path.endsWith('.mdx');
  const foreign = dialect !== 'kowakunai';
  const file = new VFile({ path, value: prepared.text });
  for (const w of prepared.warnings) file.message(w.message, { line: w.line, column: w.column ?? 1 });
  const assets: DeckAsset[] = [];
  const remarkPlugins: PluggableList = [
    remarkFrontmatter,
    remarkGfm,
    remarkEmoji,
    [remarkDeckMeta, { foreign, implied: prepared.meta, usedKeys: prepared.usedKeys }],
    [remarkCheckComponents, { known: dialect === 'mdx-deck' ? [...componentNames, ...foreignComponentNames] : componentNames, lenient: foreign }],
    ...(dialect === 'reveal' || dialect === 'markdown' ? [remarkRevealAttributes] : []),
    prepared.slides ? [remarkForeignSlides, { slides: prepared.slides }] : remarkSplitSlides,
    ...(dialect === 'marp' ? [remarkMarpImages] : []),
    remarkMagicMove,
    remarkCells,
    remarkNoteSteps,
    [remarkAssets, { assets }],
  ];
  try {
    const out = await compile(file, {
      format: markdown ? 'md' : 'mdx',
      jsxImportSource: 'preact',
      remarkPlugins,
      rehypePlugins: [...(markdown ? [[rehypeRaw, { passThrough: MDX_NODES }], rehypeForeignHtml] : []), rehypeSlideFootnotes, await rehypeHighlight()] as PluggableList,
    });
    const shown = relative(process.cwd(), path) || path;
    const warnings = file.messages.map((m) => `${shown}:${m.line ?? 1}:${m.column ?? 1}: warning: ${m.reason}`);
    return { js: String(out.value), meta: out.data.meta!, assets, dialect, dialectReason: `${DIALECT_NAMES[dialect]} (${prepared.reason})`, warnings };
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
      build.onLoad({ filter: /\.mdx?$/ }, async (args) => {
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
