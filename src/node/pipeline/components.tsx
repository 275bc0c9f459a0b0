import { cloneElement, isValidElement, toChildArray, type ComponentChildren, type VNode } from 'preact';
import type { CellPlacement } from '../../shared/cell-geometry.js';

/**
 * The components every deck can use without importing them. They render static HTML at
 * build time; reveal.js and the deck client give them life in the page.
 */

type Children = { children?: ComponentChildren };

export function Notes({ children }: Children) {
  return <aside class="notes">{children}</aside>;
}

/** One fragment: hidden until the speaker steps to it. */
export function Step({ children, as = 'div', index, effect }: Children & { as?: 'div' | 'span' | 'li'; index?: number; effect?: string }) {
  const Tag = as as 'div';
  return (
    <Tag class={effect ? `fragment ${effect}` : 'fragment'} data-fragment-index={index}>
      {children}
    </Tag>
  );
}

/** Handled by remarkSplitSlides (its attributes move to the slide); renders nothing if left inline. */
export function SlideMeta(_: Record<string, unknown>) {
  return null;
}

export function TitleSlide({ children }: Children) {
  return <div class="k-title-slide">{children}</div>;
}

export function Columns({ children, ratio }: Children & { ratio?: string }) {
  const style = ratio ? { gridTemplateColumns: ratio.split(':').map((n) => `${n}fr`).join(' ') } : undefined;
  return (
    <div class="k-columns" style={style}>
      {children}
    </div>
  );
}

export function Column({ children }: Children) {
  return <div class="k-column">{placeCells(children, 'beside')}</div>;
}

/** Code on the left, what it does on the right (a cell, output, a picture). */
export function CodeBeside({ children }: Children) {
  return <div class="k-code-beside">{placeCells(children, 'beside')}</div>;
}

/** Tells the cells among `children` where they sit: their code is sized for that box. */
function placeCells(children: ComponentChildren, placement: CellPlacement): ComponentChildren {
  return toChildArray(children).map((c) => (isValidElement(c) && c.type === Cell ? cloneElement(c, { placement }) : c));
}

const LANG_LABELS: Record<string, string> = { python: 'Python', ts: 'TypeScript', js: 'JavaScript', tsx: 'TSX' };

/** The language of one pane of <Twins>: a cell's, or a highlighted code block's (shiki's language-x class, a few levels down). */
function paneLang(pane: VNode): string {
  if (pane.type === Cell) return (pane.props as { lang?: string }).lang ?? 'ts';
  const find = (node: VNode, depth: number): string | undefined => {
    const props = node.props as { className?: string; class?: string; children?: ComponentChildren };
    const lang = /language-(\w+)/.exec(`${props.className ?? props.class ?? ''}`)?.[1];
    if (lang || depth === 0) return lang;
    for (const child of toChildArray(props.children)) {
      const found = isValidElement(child) ? find(child as VNode, depth - 1) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  return find(pane, 4) ?? 'text';
}

/**
 * One demo in two languages, one at a time in the same frame: the first child shows, a switch (and
 * the T key, src/page/twins.ts) brings the other. Each child is a <Cell> or a code block (the talk's
 * code as it was shown); every cell stays recorded and runnable.
 */
export function Twins({ children }: Children) {
  const panes = toChildArray(children).filter(isValidElement) as VNode[];
  const langs = panes.map(paneLang);
  return (
    <div class="k-twins" data-twins>
      <div class="k-twins-bar" role="tablist">
        {panes.map((_, i) => (
          <button type="button" role="tab" class="k-twins-tab" data-twin-tab={langs[i]} aria-selected={i === 0 ? 'true' : 'false'} disabled>
            {LANG_LABELS[langs[i]] ?? langs[i]}
          </button>
        ))}
      </div>
      {panes.map((pane, i) => (
        <div class="k-twin" role="tabpanel" data-twin={langs[i]} hidden={i !== 0}>
          {pane.type === Cell ? cloneElement(pane, { placement: 'stage' }) : pane}
        </div>
      ))}
    </div>
  );
}

/** A magic move (remark-magic-move.ts): its HTML is made at build time, from the deck's own highlighter. */
export function MagicMove({ html }: { html: string }) {
  return <div class="k-magic-move" dangerouslySetInnerHTML={{ __html: html }} />;
}

export interface CellProps {
  code: string;
  file: string;
  line: string;
  usedIn?: string;
  id?: string;
  title?: string;
  src?: string;
  timeLimit?: string | number;
  /** Slidev's line steps for the cell's code: "1|3-4|all" (transformer-code-steps.ts) */
  highlight?: string;
  /** set by the component around the cell (CodeBeside, Column); alone on a slide it is 'stage' */
  placement?: CellPlacement;
  /** a magic move of cells: JSON of every version's { code, line } (the first is `code`) */
  versions?: string;
  /** …and its static HTML (every version, tokens matched) */
  magicMove?: string;
}

/** Cells are collected during rendering; the placeholder is replaced once they are compiled and recorded. */
export interface CellCollector {
  add(cell: CellProps): number;
}
let collector: CellCollector | undefined;
export function collectCellsWith(c: CellCollector | undefined) {
  collector = c;
}

export function Cell(props: CellProps) {
  if (!collector) throw new Error('<Cell> rendered outside a deck build');
  const n = collector.add(props);
  return <div class="k-cell-slot" data-cell-slot={n} />;
}

export const deckComponents = { Notes, Step, SlideMeta, TitleSlide, Columns, Column, CodeBeside, Twins, Cell, MagicMove };
export const componentNames = Object.keys(deckComponents);
