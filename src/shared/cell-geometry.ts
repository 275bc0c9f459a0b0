/**
 * How big a cell's code may be drawn on a 1280×720 slide, shared by the build (which picks the first
 * size and warns about code that cannot fit) and the page (which refines the size against the real
 * box). Pure arithmetic: the numbers are the layout of cells.css, in slide pixels.
 *
 * The promise to the room: code is never smaller than CODE_FLOOR_PX, and never scrolled. Code that
 * would need less is reported by the build, with the cell named and the lines it has against the
 * lines that fit.
 */

/** The smallest code a back row can read on a 1280×720 slide. */
export const CODE_FLOOR_PX = 16;
/** Short code is not blown up past this: it would crowd the output beside it. */
export const CODE_MAX_PX = 24;
/** Line height of code, in em (cells.css `.k-cell-code pre`). */
export const CODE_LINE_HEIGHT = 1.45;
/** Output may shrink further than code: it is read after the run, and it must show every line. */
export const OUTPUT_FLOOR_PX = 13;
export const OUTPUT_MAX_PX = 19;

/** Where a cell sits: alone (or in a <Twins> frame) under the slide's title, or in a column beside something. */
export type CellPlacement = 'stage' | 'beside';

/**
 * The code box of each placement, in slide px (cells.css): the stage cell puts code on the left of
 * the full slide width (up to 62 %, the output and timeline keep the rest); a cell beside something
 * stacks code over results in a column of about half the slide, with the code taking at most 60 %
 * of the height (cell-fit.ts).
 */
export const CODE_BOX: Record<CellPlacement, { width: number; height: number }> = {
  stage: { width: 780, height: 560 },
  beside: { width: 640, height: 350 },
};
/** The code box's padding (0.5em above and below, 0.7em each side) in em. */
const PAD_V_EM = 1;
const PAD_H_EM = 1.4;

/** East Asian wide characters take a full em in a monospace font; Latin takes ~0.6 em. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const NARROW_EM = 0.602;

/** The width of one line of code in em (tabs as four spaces). */
export function lineWidthEm(line: string): number {
  let em = 0;
  for (const ch of line.replace(/\t/g, '    ')) em += WIDE.test(ch) ? 1 : NARROW_EM;
  return em;
}

export interface CodeFit {
  /** the size to draw the code at, CODE_FLOOR_PX ≤ size ≤ CODE_MAX_PX */
  sizePx: number;
  /** lines and the widest line, as measured */
  lines: number;
  widthEm: number;
  /** false when even CODE_FLOOR_PX is too big: `why` says by how much */
  fits: boolean;
  why?: string;
}

/** The largest size at which `source` fits the code box of `placement` without scrolling or wrapping. */
export function fitCode(source: string, placement: CellPlacement): CodeFit {
  const rows = source.replace(/\n+$/, '').split('\n');
  const lines = rows.length;
  const widthEm = Math.max(...rows.map(lineWidthEm), 1);
  const box = CODE_BOX[placement];
  const byHeight = box.height / (lines * CODE_LINE_HEIGHT + PAD_V_EM);
  const byWidth = box.width / (widthEm + PAD_H_EM);
  const best = Math.floor(Math.min(byHeight, byWidth, CODE_MAX_PX) * 2) / 2;
  if (best >= CODE_FLOOR_PX) return { sizePx: best, lines, widthEm, fits: true };
  const maxLines = Math.floor((box.height / CODE_FLOOR_PX - PAD_V_EM) / CODE_LINE_HEIGHT);
  const maxCols = Math.floor((box.width / CODE_FLOOR_PX - PAD_H_EM) / NARROW_EM);
  const why =
    byHeight < byWidth
      ? `${lines} lines need ${(byHeight).toFixed(1)} px code; at the ${CODE_FLOOR_PX} px floor ${maxLines} lines fit ${placement === 'stage' ? 'a slide' : 'a column'}`
      : `its widest line (${Math.ceil(widthEm / NARROW_EM)} columns) needs ${byWidth.toFixed(1)} px code; at the ${CODE_FLOOR_PX} px floor ${maxCols} columns fit ${placement === 'stage' ? 'a slide' : 'a column'}`;
  return { sizePx: CODE_FLOOR_PX, lines, widthEm, fits: false, why };
}
