/**
 * What a cell shows of a result and of its state: the output, the timeline, the toolbar's badge, status and
 * elapsed time, the error box, the "modified" mark, data-state. Split from live-cell.ts, which decides what to
 * show; this only draws it into the parts the build made (render-cell.ts).
 */
import { cellErrorText, formatElapsed, runStatusText, type CellText } from '../../shared/format.js';
import type { CellError, CellResult } from '../../shared/types.js';
import type { CellParts } from './cell-dom.js';
import type { CompileProblem } from './compiler.js';
import type { CellState } from './live-cell.js';
import { OutputView } from './output-view.js';
import { TimelineView } from './timeline-view.js';

export class CellView {
  readonly output: OutputView;
  readonly timeline: TimelineView;

  constructor(
    readonly el: HTMLElement,
    readonly parts: CellParts,
    readonly text: CellText,
    locale: string,
    private readonly id: () => string,
  ) {
    this.output = new OutputView(parts.output, text);
    this.timeline = new TimelineView(parts.timeline, locale);
  }

  /** A whole result (recorded, or null for none): output, timeline, badge, status, time and error. */
  showResult(result: CellResult | null, timeLimitMs: number): void {
    this.output.show(result);
    this.timeline.show(result);
    this.parts.badge.hidden = result === null;
    this.parts.elapsed.textContent = result ? formatElapsed(result.totalMs) : '';
    this.parts.status.textContent = result ? runStatusText(result.status, timeLimitMs, this.text) : '';
    this.showError(result?.error ?? null, 'runtime');
  }

  showError(error: CellError | CompileProblem | null, kind: 'compile' | 'runtime' = 'runtime'): void {
    const el = this.parts.error;
    el.hidden = error === null;
    el.textContent = error ? cellErrorText(error, this.text) : '';
    if (error) el.dataset.kind = kind;
    else delete el.dataset.kind;
  }

  setModified(modified: boolean): void {
    this.el.toggleAttribute('data-modified', modified);
    this.parts.modified.hidden = !modified;
  }

  setState(state: CellState): void {
    this.el.dataset.state = state;
    const running = state === 'running';
    this.parts.run.disabled = running;
    this.parts.stop.disabled = !running;
    this.parts.output.setAttribute('aria-busy', String(running));
    this.el.dispatchEvent(new CustomEvent('live-cell:state', { bubbles: true, detail: { id: this.id(), state } }));
  }
}
