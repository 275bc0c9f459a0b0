import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { BuildError } from './errors.js';
import { MagicMoveSyntaxError, parseMagicMove, type MagicMoveFence } from './magic-move/parse.js';
import { renderMagicMove, type MagicMoveSource } from './magic-move/render.js';
import { CELL_LANGS, parseMeta } from './remark-cells.js';

export interface MagicMoveOptions {
  /** versions → the block's HTML (default: highlighted with the deck's shiki, tokens matched) */
  render?: (versions: MagicMoveSource[]) => Promise<string>;
}

/**
 * Slidev's ````md magic-move block, in its own syntax: the fences inside are the versions, each → morphs to the
 * next. It becomes <MagicMove html> (static HTML made here, at build time), or, when its fences are cells
 * (```python cell), one <Cell> whose code steps through the versions, each recorded (site.ts). The same for
 * `<Cell src="a.py" steps="b.py, c.py" />`: a cell whose versions are files (the talks share theirs).
 */
export function remarkMagicMove(options: MagicMoveOptions = {}) {
  const render = options.render ?? renderMagicMove;
  return async (tree: Root, file: VFile) => {
    const found: { node: Extract<Root['children'][number], { type: 'code' }>; index: number; parent: { children: unknown[] } }[] = [];
    visit(tree, 'code', (node, index, parent) => {
      if ((node.lang === 'md' || node.lang === 'markdown') && /(^|\s)magic-move(\s|$|\{)/.test(node.meta ?? '')) found.push({ node, index: index!, parent: parent as never });
    });
    const stepped: (MdxJsxFlowElement | MdxJsxTextElement)[] = [];
    visit(tree, (node) => {
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'Cell' && attrOf(node, 'steps') !== undefined) stepped.push(node);
    });
    for (const node of stepped) await cellSteps(node, file.path, render);
    // from the end: replacing a node leaves the indexes before it as they were
    for (const { node, index, parent } of found.reverse()) {
      const line = node.position?.start.line ?? 1;
      const column = node.position?.start.column ?? 1;
      let fences: MagicMoveFence[];
      try {
        fences = parseMagicMove(node.value);
      } catch (error) {
        if (!(error instanceof MagicMoveSyntaxError)) throw error;
        throw new BuildError(`magic-move: ${error.message}`, file.path, line + 1 + error.lineInBody, column);
      }
      if (fences.length === 0) {
        throw new BuildError('a magic-move block needs at least one code fence inside (```ts … ``` for each version)', file.path, line, column);
      }
      const cells = fences.filter((f) => 'cell' in parseMeta(f.meta));
      if (cells.length > 0 && cells.length < fences.length) {
        const odd = fences.find((f) => !('cell' in parseMeta(f.meta)))!;
        throw new BuildError('magic-move: either every fence is a cell (```python cell) or none is', file.path, line + 1 + odd.lineInBody, column);
      }
      const html = await render(fences.map((f) => ({ lang: CELL_LANGS.get(f.lang) ?? f.lang, code: f.code })));
      const element: MdxJsxFlowElement =
        cells.length > 0 ? cellElement(fences, html, file.path, line, column) : { type: 'mdxJsxFlowElement', name: 'MagicMove', attributes: [attr('html', html)], children: [] };
      element.position = node.position;
      parent.children.splice(index, 1, element);
    }
  };
}

/** One <Cell> for a magic move of cells: the first fence's code and meta, every version's code and line. */
function cellElement(fences: MagicMoveFence[], html: string, path: string, line: number, column: number): MdxJsxFlowElement {
  const langs = new Set(fences.map((f) => CELL_LANGS.get(f.lang)));
  if (langs.size !== 1 || langs.has(undefined)) {
    throw new BuildError('magic-move of cells: every fence must be a cell in one language (all ```python cell or all ```ts cell)', path, line, column);
  }
  const meta = parseMeta(fences[0].meta);
  const codeLine = (f: MagicMoveFence) => line + 2 + f.lineInBody;
  return {
    type: 'mdxJsxFlowElement',
    name: 'Cell',
    attributes: [
      attr('code', fences[0].code + '\n'),
      attr('lang', [...langs][0]!),
      attr('file', path),
      attr('line', String(codeLine(fences[0]))),
      ...Object.entries(meta)
        .filter(([k]) => k !== 'cell')
        .map(([k, v]) => attr(k, v)),
      attr('versions', JSON.stringify(fences.map((f) => ({ code: f.code + '\n', line: codeLine(f) })))),
      attr('magicMove', html),
    ],
    children: [],
  };
}

/** <Cell src steps>: the files' code as the versions (remarkCells reads `src` as for any cell). */
async function cellSteps(node: MdxJsxFlowElement | MdxJsxTextElement, deck: string, render: NonNullable<MagicMoveOptions['render']>): Promise<void> {
  const place = node.position?.start;
  const src = attrOf(node, 'src');
  const files = [src ?? '', ...attrOf(node, 'steps')!.split(',')].map((f) => f.trim()).filter(Boolean);
  if (!src || files.length < 2) throw new BuildError('<Cell steps="b.py, c.py"> needs src="a.py" and at least one file in steps', deck, place?.line, place?.column);
  const versions = files.map((f) => {
    const path = resolve(dirname(deck), f);
    try {
      return { code: readFileSync(path, 'utf8'), line: 1, file: path, src: f };
    } catch {
      throw new BuildError(`cell source not found: ${f} (looked for ${path})`, deck, place?.line, place?.column);
    }
  });
  const lang = /\.py$/i.test(src) ? 'python' : 'ts';
  const html = await render(versions.map((v) => ({ lang, code: v.code })));
  node.attributes = node.attributes.filter((a) => !(a.type === 'mdxJsxAttribute' && a.name === 'steps'));
  node.attributes.push(attr('versions', JSON.stringify(versions)), attr('magicMove', html));
}

function attrOf(node: MdxJsxFlowElement | MdxJsxTextElement, name: string): string | undefined {
  const a = node.attributes.find((x): x is MdxJsxAttribute => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
}

function attr(name: string, value: string): MdxJsxAttribute {
  return { type: 'mdxJsxAttribute', name, value };
}
