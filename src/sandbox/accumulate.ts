/**
 * Rebuilds a run's state from its progress messages. The frame and the Node recorder keep one per run, so that when
 * they have to kill a worker (time limit, Stop) the result still shows everything gathered until then.
 */
import type { BlockedSpan, CellResult, OutputLine, RunStatus, SandboxToHost, TaskSpan } from '../shared/types';

/** A finished run has no open spans: what was still running or waiting ends where the run ended. */
export function closeSpans(tasks: TaskSpan[], at: number): void {
  for (const t of tasks) {
    if (t.end === null) t.end = at;
    for (const w of t.waits) if (w.end === null) w.end = at;
  }
}

export class RunAccumulator {
  output: OutputLine[] = [];
  droppedLines = 0;
  blocked: BlockedSpan[] = [];
  /** ms since the run started, as of the last progress message */
  lastNow = 0;
  ended: CellResult | null = null;
  private readonly tasks = new Map<number, TaskSpan>();

  apply(msg: SandboxToHost): void {
    if (msg.type === 'progress') {
      this.lastNow = msg.now;
      this.output.push(...msg.output);
      this.droppedLines = msg.droppedLines;
      for (const t of msg.tasks) this.tasks.set(t.id, t);
      this.blocked.push(...msg.blocked);
    } else if (msg.type === 'ended') {
      this.ended = msg.result;
    }
  }

  /** The result of a run that did not end by itself. */
  finalize(status: RunStatus, totalMs: number, message?: string): CellResult {
    const tasks = [...this.tasks.values()].sort((a, b) => a.id - b.id);
    closeSpans(tasks, totalMs);
    const result: CellResult = {
      status,
      totalMs,
      output: this.output,
      droppedLines: this.droppedLines,
      tasks,
      blocked: this.blocked,
    };
    if (message) result.error = { message };
    return result;
  }
}
