import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Root } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { CodeStepsError, findRangeGroup } from './code-steps-meta.js';
import { BuildError } from './errors.js';
import { stepsOf } from './transformer-code-steps.js';

/** Languages a cell can be written in, and the cell language each means (Python runs on Pyodide). */
export const CELL_LANGS = new Map([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['python', 'python'],
  ['py', 'python'],
]);

/** `cell title="tasks" timeLimit=10` → { cell: '', title: 'tasks', timeLimit: '10' } */
export function parseMeta(meta: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (meta ?? '').matchAll(/([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) {
    out[m[1]] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

/**
 * Turns live cells into <Cell> elements carrying their source and where it came from:
 * a fenced block marked `cell`, or <Cell src="…"/> whose file is read here, relative to the deck,
 * so two decks can share one source file.
 */
export function remarkCells() {
  return (tree: Root, file: VFile) => {
    const deckFile = file.path;
    // An id names a cell's saved edits and its recording: two cells sharing one would overwrite each other's.
    const ids = new Map<string, string>();
    const claimId = (id: string | undefined, line = 1, column = 1): void => {
      if (id === undefined) return;
      const other = ids.get(id);
      const here = `${relative(process.cwd(), deckFile) || deckFile}:${line}:${column}`;
      if (other) throw new BuildError(`duplicate cell id "${id}": also used at ${other} — saved edits and recordings would collide; give each cell its own id`, deckFile, line, column);
      ids.set(id, here);
    };
    visit(tree, (node, index, parent) => {
      if (node.type === 'code' && 'cell' in parseMeta(node.meta)) {
        // ```ts cell {1|3}: the steps become highlight="1|3", as <Cell highlight> writes them
        const range = findRangeGroup(node.meta);
        const meta = parseMeta(range ? node.meta!.replace(range, ' ') : node.meta);
        if (range) meta.highlight = range.slice(1, -1);
        claimId(meta.id, node.position?.start.line, node.position?.start.column);
        const lang = node.lang ?? '';
        const line = node.position?.start.line ?? 1;
        if (!CELL_LANGS.has(lang)) {
          throw new BuildError(`a cell must be TypeScript or Python (\`\`\`ts cell, \`\`\`python cell); got "${lang || 'no language'}"`, deckFile, line, 1);
        }
        checkSteps(meta.highlight, node.value, deckFile, line, node.position?.start.column);
        const cell: MdxJsxFlowElement = {
          type: 'mdxJsxFlowElement',
          name: 'Cell',
          attributes: [
            attr('code', node.value),
            attr('lang', CELL_LANGS.get(lang)!),
            attr('file', deckFile),
            // the code starts on the line after the opening fence
            attr('line', String(line + 1)),
            ...Object.entries(meta)
              .filter(([k]) => k !== 'cell')
              .map(([k, v]) => attr(k, v)),
          ],
          children: [],
          position: node.position,
        };
        parent!.children.splice(index!, 1, cell);
        return;
      }
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'Cell') {
        const src = node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === 'src');
        const place = node.position?.start;
        if (!src || typeof src.value !== 'string') {
          if (node.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === 'code')) return;
          throw new BuildError('<Cell> needs src="path/to/cell.ts" (or use a ```ts cell fenced block)', deckFile, place?.line, place?.column);
        }
        const id = node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === 'id');
        claimId(typeof id?.value === 'string' ? id.value : undefined, place?.line, place?.column);
        const path = resolve(dirname(deckFile), src.value);
        let code: string;
        try {
          code = readFileSync(path, 'utf8');
        } catch {
          throw new BuildError(`cell source not found: ${src.value} (looked for ${path})`, deckFile, place?.line, place?.column);
        }
        // the language comes from the file: x.py is a Python cell
        const lang = /\.py$/i.test(path) ? 'python' : 'ts';
        const highlight = node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === 'highlight');
        checkSteps(typeof highlight?.value === 'string' ? highlight.value : undefined, code, deckFile, place?.line, place?.column);
        node.attributes.push(attr('code', code), attr('lang', lang), attr('file', path), attr('line', '1'), attr('usedIn', `${deckFile}:${place?.line ?? 1}`));
      }
    });
  };
}

/** A cell's steps (`highlight="1|3-4|all"`), checked against its code where the author wrote them. */
function checkSteps(steps: string | undefined, code: string, file: string, line?: number, column?: number): void {
  if (steps === undefined) return;
  try {
    stepsOf(`{${steps}}`, code.replace(/\n+$/, '').split('\n').length);
  } catch (error) {
    if (error instanceof CodeStepsError) throw new BuildError(`cell highlight: ${error.message}`, file, line, column);
    throw error;
  }
}

function attr(name: string, value: string): MdxJsxAttribute {
  return { type: 'mdxJsxAttribute', name, value };
}
