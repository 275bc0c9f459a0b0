/**
 * Fits the demo to the slide, on screen, for the fonts the reader's machine really has:
 *  - the stage (a cell, a <Twins> frame or a column of cells under the title) gets what is left of
 *    the 720 px slide below whatever stands above it;
 *  - a cell's code gets the largest size, from CODE_FLOOR_PX up, at which every line shows;
 *  - its output the largest, from OUTPUT_FLOOR_PX up, at which every line shows at rest.
 * The build already wrote a first code size (cell-geometry.ts), so without this script, or before
 * it runs, the slide is nearly right. Work is a few layout reads per cell, only for slides on screen.
 */
import { CODE_FLOOR_PX, CODE_MAX_PX, OUTPUT_FLOOR_PX, OUTPUT_MAX_PX } from '../shared/cell-geometry.js';

/** reveal-config.ts's slide height, and room kept free at the bottom (slide number, controls). */
const SLIDE_HEIGHT = 720;
const BOTTOM_GAP = 10;
const STAGE = ':scope > .k-twins, :scope > live-cell, :scope > .k-code-beside, :scope > .k-columns';

/** Largest size in [min, max] (half-pixel steps) for which `fits()` holds; `min` when none does. */
function largest(min: number, max: number, apply: (px: number) => void, fits: () => boolean): number {
  let lo = min * 2;
  let hi = max * 2;
  apply(hi / 2);
  if (fits()) return hi / 2;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    apply(mid / 2);
    if (fits()) lo = mid;
    else hi = mid;
  }
  apply(lo / 2);
  return lo / 2;
}

const noOverflow = (el: HTMLElement): boolean => el.scrollHeight <= el.clientHeight + 1;

/** True when no line of the highlighted code wraps: on the stage, smaller beats wrapped. */
function unwrapped(pre: HTMLElement | null): boolean {
  const code = pre?.querySelector('code');
  if (!pre || !code) return true;
  const lines = pre.querySelectorAll('.line').length;
  return code.offsetHeight <= lines * parseFloat(getComputedStyle(pre).lineHeight) + 2;
}

/** Sizes one cell's code and output to their boxes; skipped while hidden or while its editor is open. */
export function fitCell(cell: HTMLElement): void {
  if (cell.getClientRects().length === 0) return;
  const code = cell.querySelector<HTMLElement>('[data-role="code"]');
  const output = cell.querySelector<HTMLElement>('[data-role="output"]');
  const body = cell.querySelector<HTMLElement>('.k-cell-body');
  // a stacked cell (beside something, or in any narrow box) grows its code box with the code; the results
  // under it keep 40 % of the cell, more if their output needs it and the code can still be 16 px
  const stacked = !!body && getComputedStyle(body).gridTemplateColumns.trim().split(/\s+/).length === 1;
  const editing = !code || !!code.querySelector('.k-editor');
  const atRest = !!output && cell.dataset.state !== 'running';
  for (const share of stacked ? [0.6, 0.5, 0.42] : [1]) {
    if (!editing) sizeCode(cell, code!, stacked && body ? () => code!.offsetHeight <= body.clientHeight * share : () => true);
    // while running, output streams in and scrolls; it is sized to show everything once the run is over
    if (!atRest) return;
    fitResults(cell, output!);
    if (noOverflow(output!) || editing) return;
  }
}

function sizeCode(cell: HTMLElement, code: HTMLElement, roomy: () => boolean): void {
  // a cell with steps holds every version (a magic move): the size must fit each of them
  const pres = [...code.querySelectorAll<HTMLElement>('pre')];
  const fits = () => noOverflow(code) && pres.every(unwrapped) && roomy();
  largest(CODE_FLOOR_PX, CODE_MAX_PX, (px) => cell.style.setProperty('--k-cell-code-size', `${px}px`), fits);
}

/** More output lines than fit a slide at OUTPUT_FLOOR_PX (720 px / 17.5 px per line). */
const MAX_FITTED_LINES = 40;

/** Timeline rows are drawn between 16 and 34 px tall (timeline-svg.ts); the axis and margins take 40 px more. */
const MIN_ROW_PX = 16;
const AXIS_PX = 40;

/**
 * Output and timeline share the results column: the output gets the height its lines need at the
 * largest output size, the timeline the rest (at most 70 %), redrawn for that box so its rows are as
 * tall as their number allows; then the output takes the largest size at which every line shows. When
 * even the smallest output needs more room (a busy machine adds warning lines), the timeline gives up
 * all but what its rows need at their lowest.
 */
function fitResults(cell: HTMLElement, output: HTMLElement): void {
  // more lines than any slide shows at any size (a flood): no size fits, and measuring a thousand lines
  // a few times over would hold the page's main thread; the box scrolls
  if ((output.querySelector('[data-role="output-lines"]')?.childElementCount ?? 0) > MAX_FITTED_LINES) return;
  const results = output.parentElement!;
  const timeline = cell.querySelector<HTMLElement>('[data-role="timeline"]:not([hidden])');
  const setOut = (px: number) => cell.style.setProperty('--k-cell-out-size', `${px}px`);
  const fitsOut = () => noOverflow(output);
  setOut(OUTPUT_MAX_PX);
  if (!timeline) {
    largest(OUTPUT_FLOOR_PX, OUTPUT_MAX_PX, setOut, fitsOut);
    return;
  }
  const drawTimeline = (height: number) => {
    cell.style.setProperty('--k-tl-max', `${Math.floor(height)}px`);
    redrawTimeline(cell, timeline.clientWidth - 12, height);
  };
  const style = getComputedStyle(output);
  const needed = [...output.children].reduce((n, c) => n + (c as HTMLElement).offsetHeight, 0) + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  const error = cell.querySelector<HTMLElement>('[data-role="error"]:not([hidden])')?.offsetHeight ?? 0;
  const room = results.clientHeight - error;
  const pad = timeline.offsetHeight - timeline.clientHeight + 8;
  const rows = timeline.querySelectorAll('.k-tl-label, .k-tl-more, .k-tl-span-label').length || 1;
  const lowest = Math.min(room * 0.36, rows * MIN_ROW_PX + AXIS_PX);
  drawTimeline(Math.min(room * 0.7, Math.max(room * 0.36, room - needed - 4)) - pad);
  if (largest(OUTPUT_FLOOR_PX, OUTPUT_MAX_PX, setOut, fitsOut) === OUTPUT_FLOOR_PX && !fitsOut()) {
    drawTimeline(lowest);
    largest(OUTPUT_FLOOR_PX, OUTPUT_MAX_PX, setOut, fitsOut);
  }
}

/** Gives the slide's stage the room under its title, then fits every cell shown on it. */
export function fitSlide(section: Element | undefined | null): void {
  if (!(section instanceof HTMLElement) || section.getClientRects().length === 0) return;
  for (const stage of section.querySelectorAll<HTMLElement>(STAGE)) {
    if (!stage.matches('live-cell') && !stage.querySelector('live-cell')) continue;
    // offsetTop is in slide px: reveal scales the whole slide with a transform, not its layout
    const box = section.getBoundingClientRect();
    const top = stage.offsetParent === section ? stage.offsetTop : (stage.getBoundingClientRect().top - box.top) / (box.width / section.offsetWidth);
    stage.style.setProperty('--k-stage-height', `${Math.floor(SLIDE_HEIGHT - top - BOTTOM_GAP)}px`);
  }
  for (const cell of section.querySelectorAll<HTMLElement>('live-cell')) fitCell(cell);
}

/** The phone reader: a cell's timeline drawn at the width it has, one SVG unit per px (labels at their real size). */
export function fitTimelineWidth(cell: HTMLElement): void {
  const timeline = cell.querySelector<HTMLElement>('[data-role="timeline"]:not([hidden])');
  if (timeline) redrawTimeline(cell, timeline.clientWidth - 12, 480);
}

/** LiveCell.fitTimeline: the cell redraws its timeline for a box of this size. */
function redrawTimeline(cell: HTMLElement, width: number, maxHeight: number): void {
  (cell as HTMLElement & { fitTimeline?(w: number, h: number): void }).fitTimeline?.(width, maxHeight);
}
