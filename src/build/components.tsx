import type { ComponentChildren } from 'preact';

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
  return <div class="k-column">{children}</div>;
}

/** Code on the left, what it does on the right (a cell, output, a picture). */
export function CodeBeside({ children }: Children) {
  return <div class="k-code-beside">{children}</div>;
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

export const deckComponents = { Notes, Step, SlideMeta, TitleSlide, Columns, Column, CodeBeside, Cell };
export const componentNames = Object.keys(deckComponents);
