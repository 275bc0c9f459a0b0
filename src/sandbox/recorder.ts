/**
 * The timeline recorder: which task is running, when each task waits and on what, when the event loop is blocked,
 * and what the cell printed. Platform-neutral; times are ms since the run started.
 *
 * "Current task": JavaScript has no task-local context in browsers, so the runtime keeps one by hand. It is set
 * synchronously while a task's function starts, and again each time an API await resumes (every future callback runs
 * in its own macrotask, see Platform.callSoon, so nothing else runs between the switch and the task's continuation).
 *
 * Blocked stretches come from two sources: blocking API calls (measured around the call) and a heartbeat timer that
 * notices when it fires late (long synchronous code). Each one longer than SLOW_STEP_MS also prints a warning, like
 * asyncio's debug mode.
 */
import { MAX_OUTPUT_LINES, SLOW_STEP_MS, type BlockedSpan, type OutputLine, type TaskSpan } from '../shared/types';
import { RunLog, type ProgressBatch, type RunParts } from './run-log';

export type { ProgressBatch } from './run-log';
export type Wait = TaskSpan['waits'][number];
type Timer = (cb: () => void, ms: number) => unknown;

export interface RecorderOptions {
  /** monotonic ms */
  clock: () => number;
  /** receives batched progress, at most one batch per progressIntervalMs */
  onProgress?: (batch: ProgressBatch) => void;
  progressIntervalMs?: number;
  heartbeatMs?: number;
  maxOutputLines?: number;
  /** timers the cell cannot patch (the runtime wraps the global ones for the cell) */
  setTimeout?: Timer;
  clearTimeout?: (handle: unknown) => void;
}

/** progress batches that may go out back to back before the ~20 per second rate applies */
const PROGRESS_BURST = 3;

/** 0.1 ms is the browser's clock resolution anyway; shorter numbers keep messages small. */
const round = (ms: number): number => Math.round(ms * 10) / 10;

export function slowStepWarning(task: string, ms: number, what: string): string {
  return `Executing <Task name='${task}'> took ${(ms / 1000).toFixed(3)} seconds (${what})`;
}

export class Recorder {
  private readonly log: RunLog;
  /** the cell's body, an implicit task like the coroutine given to asyncio.run */
  main!: TaskSpan;
  current!: TaskSpan;

  private readonly clock: () => number;
  private readonly setTimer: Timer;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly heartbeatMs: number;
  private readonly progressIntervalMs: number;
  private readonly onProgress?: (batch: ProgressBatch) => void;
  private t0 = 0;
  private nextId = 0;
  private finished = false;
  private lastBeat = 0;
  /** last time a task was entered or resumed by the runtime: the likely start of a long synchronous stretch */
  private lastResume = 0;
  private heartbeatTimer: unknown = null;
  private flushTimer: unknown = null;
  private tokens = PROGRESS_BURST;
  private tokenTime = 0;

  constructor(options: RecorderOptions) {
    this.clock = options.clock;
    this.onProgress = options.onProgress;
    this.progressIntervalMs = options.progressIntervalMs ?? 50;
    this.heartbeatMs = options.heartbeatMs ?? 20;
    this.log = new RunLog(options.maxOutputLines ?? MAX_OUTPUT_LINES);
    const st = globalThis.setTimeout;
    const ct = globalThis.clearTimeout;
    this.setTimer = options.setTimeout ?? ((cb, ms) => st(cb, ms));
    this.clearTimer = options.clearTimeout ?? ((h) => ct(h as Parameters<typeof clearTimeout>[0]));
  }

  /** Starts the clock (just before the cell's module is imported) and the implicit main task. */
  start(): void {
    this.t0 = this.clock();
    this.main = this.startTask('main');
    this.main.start = 0;
    this.current = this.main;
    this.lastBeat = 0;
    this.lastResume = 0;
    this.heartbeatTimer = this.setTimer(this.beat, this.heartbeatMs);
  }

  /** ms since the run started */
  elapsed(): number {
    return this.clock() - this.t0;
  }

  startTask(name: string): TaskSpan {
    const span: TaskSpan = { id: this.nextId++, name, start: round(this.elapsed()), end: null, waits: [] };
    this.log.addTask(span);
    this.scheduleFlush();
    return span;
  }

  endTask(span: TaskSpan): void {
    if (span.end !== null) return;
    span.end = round(this.elapsed());
    this.touch(span);
  }

  /** Runs a task's own code from here on (its start, or a resume after an await). */
  enter(task: TaskSpan): void {
    this.current = task;
    this.lastResume = this.elapsed();
  }

  beginWait(task: TaskSpan, on: string): Wait | null {
    if (this.finished) return null;
    const wait: Wait = { start: round(this.elapsed()), end: null, on };
    task.waits.push(wait);
    this.touch(task);
    return wait;
  }

  /** The awaited thing settled: the wait ends and `task` runs again. */
  resume(task: TaskSpan, wait: Wait | null): void {
    if (wait && wait.end === null && !this.finished) {
      wait.end = round(this.elapsed());
      this.touch(task);
    }
    this.enter(task);
  }

  /** A request of `task` was refused at once (HTTP 429): a mark on its row. */
  refused(task: TaskSpan, what: string): void {
    if (this.finished) return;
    (task.refused ??= []).push({ t: round(this.elapsed()), what });
    this.touch(task);
  }

  /** `at`: ms since the start when the line was printed elsewhere (a pool thread); default now */
  print(text: string, stream: OutputLine['stream'] = 'out', at?: number): void {
    if (this.finished) return;
    this.log.addLine({ t: round(at ?? this.elapsed()), text, stream });
    this.scheduleFlush();
  }

  /** Runs a blocking call, recording the stretch in which the event loop could do nothing else. */
  blocking<T>(what: string, fn: () => T): T {
    const start = this.elapsed();
    try {
      return fn();
    } finally {
      this.addBlocked(start, this.elapsed(), what);
    }
  }

  /** Ends the run: closes what is still open and returns the recorded parts of the result. */
  finish(): RunParts {
    const now = this.elapsed();
    this.detectStall(now); // a synchronous stretch right before the end never let the heartbeat fire
    this.finished = true;
    if (this.heartbeatTimer !== null) this.clearTimer(this.heartbeatTimer);
    if (this.flushTimer !== null) this.clearTimer(this.flushTimer);
    return this.log.finish(round(now));
  }

  /** Blocked stretches so far (tests read them mid-run). */
  get blocked(): readonly BlockedSpan[] {
    return this.log.blocked;
  }

  private addBlocked(start: number, end: number, what: string): void {
    if (this.finished) return;
    const span: BlockedSpan = { start: round(start), end: round(end), task: this.current.name, what };
    this.log.addBlocked(span);
    if (end - start > SLOW_STEP_MS) this.print(slowStepWarning(span.task, end - start, what), 'warn');
    this.scheduleFlush();
  }

  private readonly beat = (): void => {
    if (this.finished) return;
    const now = this.elapsed();
    this.detectStall(now);
    this.lastBeat = now;
    this.heartbeatTimer = this.setTimer(this.beat, this.heartbeatMs);
  };

  /**
   * The heartbeat was due heartbeatMs after lastBeat. The parts of [lastBeat, now] not covered by blocking calls
   * already recorded were synchronous code if they are long.
   */
  private detectStall(now: number): void {
    let cursor = this.lastBeat;
    // a snapshot: stallPiece appends to this.blocked
    for (const b of this.log.blocked.filter((s) => s.end > this.lastBeat)) {
      if (b.start > cursor) this.stallPiece(cursor, b.start);
      cursor = Math.max(cursor, b.end);
    }
    this.stallPiece(cursor, now);
  }

  /**
   * Reports [from, to] as synchronous code only when we know cell code was running at its start: right after a
   * blocking call, or since a task was entered/resumed. A late heartbeat with neither is the machine pausing the
   * thread (another process, GC), not the cell — reporting it would put a false warning into a recording.
   */
  private stallPiece(from: number, to: number): void {
    let start: number | null = null;
    if (from !== this.lastBeat) start = from; // code went on synchronously after a blocking call
    else if (this.lastResume >= from && this.lastResume < to) start = this.lastResume;
    if (start !== null && to - start > SLOW_STEP_MS) this.addBlocked(start, to, 'sync code');
  }

  private touch(task: TaskSpan): void {
    this.log.touch(task);
    this.scheduleFlush();
  }

  /**
   * Batches go out at most once per progressIntervalMs on average, with a small burst allowed (a token bucket).
   * A batch goes out at once when a token is available, even from inside synchronous code: a cell that prints and
   * then loops forever still shows what it printed, and a loop printing 100,000 lines streams them while it runs
   * (a timer would only fire after the loop).
   */
  private scheduleFlush(): void {
    if (!this.onProgress || this.finished) return;
    if (this.takeToken()) {
      if (this.flushTimer !== null) this.clearTimer(this.flushTimer);
      this.flush();
    } else if (this.flushTimer === null) {
      this.flushTimer = this.setTimer(this.flushFromTimer, (1 - this.tokens) * this.progressIntervalMs);
    }
  }

  private takeToken(): boolean {
    const now = this.clock();
    this.tokens = Math.min(PROGRESS_BURST, this.tokens + (now - this.tokenTime) / this.progressIntervalMs);
    this.tokenTime = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private readonly flushFromTimer = (): void => {
    this.flushTimer = null;
    this.takeToken();
    this.flush();
  };

  private flush(): void {
    this.flushTimer = null;
    if (this.finished || !this.onProgress) return;
    const batch = this.log.takeBatch(round(this.elapsed()));
    this.onProgress(batch);
  }
}
