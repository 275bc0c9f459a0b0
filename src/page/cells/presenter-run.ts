/**
 * The presenter's run of a cell, shown on a follower (presenting mode): output, elapsed time and timeline,
 * marked as the presenter's. Nothing runs here. Split from live-cell.ts: it only draws into the cell's parts.
 */
import { formatElapsed, runStatusText } from '../../shared/format.js';
import type { MirroredRunEvent } from '../../shared/follow-protocol.js';
import type { CellView } from './cell-view.js';

/** What of the cell the presenter's run draws into. */
export interface MirrorTarget {
  view: CellView;
  timeLimitMs: number;
}

export class PresenterRun {
  /** the presenter's run shown: its number, or null */
  private shown: number | null = null;

  constructor(private readonly target: () => MirrorTarget) {}

  /** The reader's own run replaces any presenter's run shown. */
  forget(): void {
    this.shown = null;
    delete this.target().view.el.dataset.presenterRun;
  }

  show(run: number, event: MirroredRunEvent): void {
    const { view, timeLimitMs } = this.target();
    const { el, parts, output, timeline, text } = view;
    if (event.type === 'started') {
      this.shown = run;
      el.dataset.presenterRun = String(run);
      parts.badge.hidden = true;
      view.showError(null);
      output.clear();
      timeline.start();
      parts.elapsed.textContent = formatElapsed(0);
      parts.status.textContent = `${text.presenterRun} · ${text.running}`;
      view.setState('running');
      // the reader may still run their own copy (it replaces this one); Stop is the presenter's
      parts.run.disabled = false;
      parts.stop.disabled = true;
      return;
    }
    if (this.shown !== run) return;
    if (event.type === 'progress') {
      output.append(event.output);
      output.setDropped(event.droppedLines);
      timeline.update({ ...event, runId: `presenter-${run}` });
      parts.elapsed.textContent = formatElapsed(event.now);
      return;
    }
    const { result } = event;
    const snap = timeline.snapshot();
    timeline.stop();
    this.shown = null;
    output.finish({ ...result, output: [] });
    timeline.show(result.tasks.length ? result : { ...result, tasks: snap.tasks, blocked: snap.blocked });
    parts.elapsed.textContent = formatElapsed(result.totalMs);
    parts.status.textContent = `${text.presenterRun} · ${runStatusText(result.status, timeLimitMs, text)}`;
    view.showError(result.error ?? null);
    view.setState(result.status);
  }
}
