/**
 * What a run has produced, and what of it has not been sent yet. Shared by the TypeScript recorder and
 * the Python one: they differ in how they learn about tasks and blocked steps, not in how a run's output
 * is bounded or how progress is batched.
 */
import { closeSpans } from './accumulate';
import { MAX_LINE_CHARS, MAX_OUTPUT_CHARS, capText } from './caps';
import { MAX_OUTPUT_LINES, type BlockedSpan, type OutputLine, type RunProgress, type TaskSpan } from '../shared/types';

export type ProgressBatch = Omit<RunProgress, 'type' | 'runId'>;

export interface RunParts {
  totalMs: number;
  tasks: TaskSpan[];
  blocked: BlockedSpan[];
  output: OutputLine[];
  droppedLines: number;
}

export class RunLog {
  readonly tasks: TaskSpan[] = [];
  readonly blocked: BlockedSpan[] = [];
  /** the first maxOutputLines lines; the rest are only counted */
  readonly output: OutputLine[] = [];
  droppedLines = 0;
  /** characters kept so far, against MAX_OUTPUT_CHARS */
  private chars = 0;
  private dirty = new Set<TaskSpan>();
  private newOutput: OutputLine[] = [];
  private newBlocked: BlockedSpan[] = [];

  constructor(private readonly maxOutputLines: number = MAX_OUTPUT_LINES) {}

  addTask(span: TaskSpan): void {
    this.tasks.push(span);
    this.dirty.add(span);
  }

  /** The span changed (a wait began or ended, it finished): it goes out with the next batch. */
  touch(span: TaskSpan): void {
    this.dirty.add(span);
  }

  addLine(line: OutputLine): void {
    if (this.output.length >= this.maxOutputLines || this.chars >= MAX_OUTPUT_CHARS) {
      this.droppedLines++;
      return;
    }
    const text = capText(line.text, Math.min(MAX_LINE_CHARS, MAX_OUTPUT_CHARS - this.chars));
    if (text !== line.text) line = { ...line, text };
    this.chars += line.text.length;
    this.output.push(line);
    this.newOutput.push(line);
  }

  addBlocked(span: BlockedSpan): void {
    this.blocked.push(span);
    this.newBlocked.push(span);
  }

  /** Everything new since the last batch. Spans are copied: they keep changing after the batch is handed over. */
  takeBatch(now: number): ProgressBatch {
    const batch: ProgressBatch = {
      now,
      output: this.newOutput,
      droppedLines: this.droppedLines,
      tasks: [...this.dirty].map((t) => ({ ...t, waits: t.waits.map((w) => ({ ...w })) })),
      blocked: this.newBlocked,
    };
    this.newOutput = [];
    this.newBlocked = [];
    this.dirty.clear();
    return batch;
  }

  /** The recorded parts of the result; spans still open are closed at `totalMs`. */
  finish(totalMs: number): RunParts {
    closeSpans(this.tasks, totalMs);
    return { totalMs, tasks: this.tasks, blocked: this.blocked, output: this.output, droppedLines: this.droppedLines };
  }
}
