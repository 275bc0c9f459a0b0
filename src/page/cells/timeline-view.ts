/**
 * The live timeline: progress batches are merged into the current picture (tasks by id, blocked spans
 * by start and task), and the SVG is redrawn with renderTimelineSvg — the same function the build
 * uses — at most once per animation frame and at most ~15 times a second, which is plenty for bars
 * that grow by pixels and keeps a 2-core laptop free for the demo itself.
 */
import { renderTimelineSvg } from '../../shared/timeline-svg.js';
import type { BlockedSpan, CellResult, RunProgress, TaskSpan } from '../../shared/types.js';

const MIN_FRAME_MS = 66;

const boxKey = (box: { width: number; maxHeight: number } | null): string => (box ? `${box.width}x${box.maxHeight}` : 'build');

export class TimelineView {
  private tasks = new Map<number, TaskSpan>();
  private blocked = new Map<string, BlockedSpan>();
  private now = 0;
  private frame = 0;
  private lastDraw = 0;
  private dirty = false;
  /** the box the picture is drawn for, in CSS px (set by cell-fit.ts); unset: the build's default size */
  private box: { width: number; maxHeight: number } | null = null;
  private shown: Pick<CellResult, 'tasks' | 'blocked' | 'totalMs'> | null = null;
  /** the box the shown result was last drawn for ('' when the SVG is the build's, or hidden) */
  private drawnFor = '';
  /** between start() and show(): the picture is the live snapshot, not a result */
  private live = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly locale: string,
  ) {}

  /**
   * The recorded run, as the cell starts: kept to redraw it at another size, and drawn now where the page has no
   * picture of it yet (a site's deck page leaves timelines undrawn: site.ts withoutDrawnTimelines).
   */
  adopt(result: Pick<CellResult, 'tasks' | 'blocked' | 'totalMs'> | null): void {
    if (result && !this.root.querySelector('svg')) this.show(result);
    else this.shown = result;
  }

  /** A new run: forget the old picture. */
  start(): void {
    this.tasks.clear();
    this.blocked.clear();
    this.now = 0;
    this.live = true;
    this.root.hidden = false;
    this.draw();
  }

  update(progress: RunProgress): void {
    for (const t of progress.tasks) this.tasks.set(t.id, t);
    for (const b of progress.blocked) this.blocked.set(`${b.start}:${b.task}`, b);
    this.setNow(progress.now);
  }

  /** Advance the clock (ms since start): open spans grow to it. */
  setNow(ms: number): void {
    if (ms > this.now) this.now = ms;
    this.schedule();
  }

  /** The state so far, for a run the host had to give up on. */
  snapshot(): Pick<CellResult, 'tasks' | 'blocked' | 'totalMs'> {
    return { tasks: [...this.tasks.values()], blocked: [...this.blocked.values()], totalMs: this.now };
  }

  /** Draw a finished or recorded result (null hides the region). */
  show(result: Pick<CellResult, 'tasks' | 'blocked' | 'totalMs'> | null): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.dirty = false;
    this.live = false;
    this.root.hidden = result === null;
    this.shown = result;
    this.root.innerHTML = result ? renderTimelineSvg(result, { locale: this.locale, styled: false, ...this.box }) : '';
    this.drawnFor = result ? boxKey(this.box) : '';
  }

  /**
   * Draw for a box of this size: one SVG unit per CSS px (labels at their real size), rows as tall as
   * the height allows for their number. Redraws what is on screen now.
   */
  fitTo(width: number, maxHeight: number): void {
    if (width < 120 || maxHeight < 60) return;
    this.box = { width: Math.floor(width), maxHeight: Math.floor(maxHeight) };
    if (this.live) this.draw();
    // fitted again for the same box (every slide change, every time a phone scrolls past): nothing to redraw
    else if (this.shown && this.drawnFor !== boxKey(this.box)) this.show(this.shown);
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private schedule(): void {
    this.dirty = true;
    if (this.frame) return;
    const tick = (ts: number): void => {
      this.frame = 0;
      if (!this.dirty) return;
      if (ts - this.lastDraw < MIN_FRAME_MS) {
        this.frame = requestAnimationFrame(tick);
        return;
      }
      this.lastDraw = ts;
      this.draw();
    };
    this.frame = requestAnimationFrame(tick);
  }

  private draw(): void {
    this.dirty = false;
    const snap = this.snapshot();
    this.root.innerHTML = renderTimelineSvg(snap, { now: this.now, locale: this.locale, styled: false, ...this.box });
  }
}
