/**
 * The JavaScript half of a Python cell's recording. The Python runtime (runtime.py) reports task events as they
 * happen — created, step (resumed), wait (suspended, on what), end — and steps that blocked the loop; this keeps
 * them in the same TaskSpan / BlockedSpan / OutputLine shapes as a TypeScript cell and streams them to the frame.
 *
 * Unlike the TypeScript recorder there is no heartbeat: Python times its own steps, so it knows which task blocked.
 */
import type { BlockedSpan, OutputLine, TaskSpan } from '../../shared/types';
import { RunLog, type ProgressBatch, type RunParts } from '../run-log';


const round = (ms: number): number => Math.round(ms * 10) / 10;
const PROGRESS_MS = 50;

export class PyRecorder {
  private readonly log = new RunLog();
  private readonly byId = new Map<number, TaskSpan>();
  private t0 = 0;
  private started = false;
  private finished = false;
  private lastFlush = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** the task whose step runs now (null between steps) */
  current: number | null = null;

  constructor(
    private readonly clock: () => number,
    private readonly post: (batch: ProgressBatch) => void,
  ) {}

  start(): void {
    this.t0 = this.clock();
    this.started = true;
  }

  elapsed(): number {
    return this.started ? this.clock() - this.t0 : 0;
  }

  /** A new task: it waits for the loop until its first step. */
  taskStart(id: number, name: string): void {
    const now = round(this.elapsed());
    const span: TaskSpan = { id, name, start: now, end: null, waits: [{ start: now, end: null, on: 'the loop' }] };
    this.byId.set(id, span);
    this.log.addTask(span);
    this.schedule();
  }

  /** The task runs a step: whatever it waited on is over. */
  step(id: number): void {
    this.current = id;
    const span = this.byId.get(id);
    const open = span?.waits.at(-1);
    if (!span || !open || open.end !== null) return;
    open.end = round(this.elapsed());
    this.touch(span);
  }

  /** The step ended at an await. */
  wait(id: number, on: string): void {
    if (this.current === id) this.current = null;
    const span = this.byId.get(id);
    if (!span || this.finished) return;
    span.waits.push({ start: round(this.elapsed()), end: null, on });
    this.touch(span);
  }

  taskEnd(id: number): void {
    if (this.current === id) this.current = null;
    const span = this.byId.get(id);
    if (!span || span.end !== null || this.finished) return;
    span.end = round(this.elapsed());
    for (const s of span.spans ?? []) if (s.end === null) s.end = span.end;
    this.touch(span);
  }

  /** The task awaits a coroutine of the cell's own code (drawn nested in the task's row). */
  spanStart(id: number, name: string): void {
    const span = this.byId.get(id);
    if (!span || this.finished) return;
    (span.spans ??= []).push({ start: round(this.elapsed()), end: null, name });
    this.touch(span);
  }

  /** That coroutine returned (or raised). */
  spanEnd(id: number): void {
    const open = this.byId.get(id)?.spans?.at(-1);
    if (!open || open.end !== null || this.finished) return;
    open.end = round(this.elapsed());
    this.touch(this.byId.get(id)!);
  }

  /**
   * A thread (threads.py) starts a call at `at` ms: its row runs from its first call on; the time since its last
   * call is drawn as a wait on nothing (the thread was idle).
   */
  threadCallStart(row: number, name: string, at: number): void {
    if (this.finished) return;
    const t = round(Math.max(0, at));
    let span = this.byId.get(row);
    if (!span) {
      span = { id: row, name, start: t, end: null, waits: [] };
      this.byId.set(row, span);
      this.log.addTask(span);
    } else {
      if (span.end !== null) span.waits.push({ start: span.end, end: t, on: 'nothing (idle)' });
      span.end = null;
      span.name = name;
    }
    this.touch(span);
  }

  /** The call ended: the row ends here unless another call comes. */
  threadCallEnd(row: number, at: number): void {
    const span = this.byId.get(row);
    if (!span || this.finished) return;
    span.end = round(Math.max(span.start, at));
    this.touch(span);
  }

  /** A request of task `id` was refused at once (429). */
  refused(id: number, what: string): void {
    const span = this.byId.get(id);
    if (!span || this.finished) return;
    (span.refused ??= []).push({ t: round(this.elapsed()), what });
    this.touch(span);
  }

  /** A step that ran `ms` (just now) and kept the loop from doing anything else. */
  block(ms: number, task: string, what: string): void {
    if (this.finished) return;
    const end = this.elapsed();
    const span: BlockedSpan = { start: round(Math.max(0, end - ms)), end: round(end), task, what };
    this.log.addBlocked(span);
    this.schedule();
  }

  print(text: string, stream: OutputLine['stream']): void {
    if (this.finished) return;
    this.log.addLine({ t: round(this.elapsed()), text, stream });
    this.schedule();
  }

  finish(): RunParts {
    const totalMs = round(this.elapsed());
    this.finished = true;
    if (this.timer !== null) clearTimeout(this.timer);
    return this.log.finish(totalMs);
  }

  private touch(span: TaskSpan): void {
    this.log.touch(span);
    this.schedule();
  }

  /**
   * At most one batch per PROGRESS_MS. A batch goes out at once when that much time has passed — even from inside
   * a long synchronous Python loop, whose prints would otherwise wait for a timer that cannot fire.
   */
  private schedule(): void {
    if (this.finished || !this.started) return;
    const now = this.clock();
    if (now - this.lastFlush >= PROGRESS_MS) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), PROGRESS_MS - (now - this.lastFlush));
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.finished) return;
    this.lastFlush = this.clock();
    const batch = this.log.takeBatch(round(this.elapsed()));
    this.post(batch);
  }
}
