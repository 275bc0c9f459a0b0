/**
 * Finding the parts of a built <live-cell> (see src/node/pipeline/cells/render-cell.ts for the markup) and
 * small DOM helpers the element needs, kept apart from its state machine.
 */
import type { CellPayload, StoredCellPayload } from '../../shared/types.js';
import type { EditorProblem } from './editor.js';

export interface CellParts {
  run: HTMLButtonElement;
  stop: HTMLButtonElement;
  reset: HTMLButtonElement;
  edit: HTMLButtonElement;
  badge: HTMLElement;
  modified: HTMLElement;
  status: HTMLElement;
  elapsed: HTMLElement;
  code: HTMLElement;
  output: HTMLElement;
  error: HTMLElement;
  timeline: HTMLElement;
}

/** The JSON the build put in the cell, or null if it is missing or unreadable. */
export function readPayload(cell: HTMLElement): CellPayload | null {
  const script = cell.querySelector<HTMLScriptElement>('script[data-role="cell-data"]');
  if (!script?.textContent) return null;
  try {
    const p = JSON.parse(script.textContent) as StoredCellPayload;
    // the build leaves the source out when the highlighted code holds it (see StoredCellPayload)
    const code = cell.querySelector('[data-role="code"]');
    const source = p.source ?? (code ? `${code.textContent ?? ''}\n` : undefined);
    return typeof source === 'string' && typeof p.js === 'string' ? { ...p, source } : null;
  } catch {
    return null;
  }
}

/** The cell's parts by data-role / data-action; null when the markup is not a built cell. */
export function findParts(cell: HTMLElement): CellParts | null {
  const q = <T extends HTMLElement>(sel: string): T | null => cell.querySelector<T>(sel);
  const parts = {
    run: q<HTMLButtonElement>('[data-action="run"]'),
    stop: q<HTMLButtonElement>('[data-action="stop"]'),
    reset: q<HTMLButtonElement>('[data-action="reset"]'),
    edit: q<HTMLButtonElement>('[data-action="edit"]'),
    badge: q('[data-role="badge"]'),
    modified: q('[data-role="modified"]'),
    status: q('[data-role="status"]'),
    elapsed: q('[data-role="elapsed"]'),
    code: q('[data-role="code"]'),
    output: q('[data-role="output"]'),
    error: q('[data-role="error"]'),
    timeline: q('[data-role="timeline"]'),
  };
  for (const value of Object.values(parts)) if (!value) return null;
  return parts as CellParts;
}

/** Plain (unhighlighted) source, for an edited cell shown before the editor loads: no shiki in the page. */
export function plainSource(source: string): HTMLElement {
  const pre = document.createElement('pre');
  pre.className = 'k-plain';
  const code = document.createElement('code');
  code.textContent = source;
  pre.append(code);
  return pre;
}

/**
 * Where in the source a click on the static code landed (offset into the source), so the editor
 * can put its cursor there. Works on shiki's `<span class="line">` per line and on a plain <pre>.
 */
export function sourceOffsetAt(codeArea: HTMLElement, x: number, y: number): number | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  let node: Node | null = null;
  let offset = 0;
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    if (p) ({ offsetNode: node, offset } = p);
  } else if (document.caretRangeFromPoint) {
    const r = document.caretRangeFromPoint(x, y);
    if (r) ({ startContainer: node, startOffset: offset } = r);
  }
  if (!node || !codeArea.contains(node)) return null;
  const code = codeArea.querySelector('code') ?? codeArea.querySelector('pre');
  if (!code) return null;
  const range = document.createRange();
  range.setStart(code, 0);
  try {
    range.setEnd(node, offset);
  } catch {
    return null;
  }
  // shiki puts a "\n" text node between its line spans, so the text before the caret is the source prefix.
  return range.toString().length;
}

/** The deck page's URL without its #/slide hash: relative URLs in cells resolve against it. */
export function pageUrl(): string {
  const url = new URL(location.href);
  url.hash = '';
  return url.href;
}

export function toEditorProblem(p: { message: string; line?: number; column?: number }): EditorProblem {
  return { line: p.line ?? 1, column: p.column, message: p.message };
}
