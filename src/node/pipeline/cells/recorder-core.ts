/**
 * What the two build-time recorders share — TypeScript cells in Node processes (record.ts), Python cells in headless
 * Chromium (record-python.ts): the cache of runs by key, the runs under way in this process, and the clock of one run.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunAccumulator } from '../../../sandbox/accumulate';
import type { CellResult } from '../../../shared/types';
import { writeFileAtomic } from '../../atomic-write';

/** Recorded runs in `.cache/cells/<key>.json`, each tagged with its recorder's format (a change of meaning re-records). */
export class RecordingCache {
  constructor(
    readonly dir: string,
    private readonly format: number,
  ) {}

  file(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  async read(key: string): Promise<CellResult | null> {
    try {
      const entry = JSON.parse(await readFile(this.file(key), 'utf8')) as { format: number; result: CellResult };
      return entry.format === this.format ? entry.result : null;
    } catch {
      return null;
    }
  }

  /** Keeps a run, stamped with when it was recorded; a timeout says more about the machine's mood than the cell: not kept. */
  async keep(key: string, result: CellResult): Promise<void> {
    result.recordedAt ??= new Date().toISOString();
    if (result.status === 'timeout') return;
    await writeFileAtomic(this.file(key), JSON.stringify({ format: this.format, result }));
  }
}

/**
 * Runs under way in this process, by key. Decks are built side by side and the two talk decks share their cells:
 * the second deck waits for the first one's run instead of running the cell again at the same time (which would
 * also double the load the recorded times are measured under).
 */
export class InFlight<T> {
  private readonly runs = new Map<string, Promise<T>>();

  get(key: string): Promise<T> | undefined {
    return this.runs.get(key);
  }

  /** Claims `key` at once (before any await of the caller's); `settle` ends the claim with its value. */
  claim(key: string): { result: Promise<T>; settle: (value: T) => void } {
    let settle!: (value: T) => void;
    const result = new Promise<T>((resolve) => (settle = resolve));
    this.runs.set(key, result);
    void result.finally(() => this.runs.delete(key));
    return { result, settle };
  }

  /** The run under way for `key`, or a new one. */
  share(key: string, start: () => Promise<T>): Promise<T> {
    const running = this.runs.get(key);
    if (running) return running;
    const { result, settle } = this.claim(key);
    start().then(settle, () => settle(undefined as T));
    return result;
  }
}

/**
 * The clock of one recorded run: until the cell says it has started, only a start-up allowance (a process or a
 * Pyodide boots in a few hundred ms, more on a busy machine); from then on the cell's own time limit, counted from its
 * start as in the browser. Ends the run once, with the accumulated result.
 */
export class RunClock {
  readonly acc = new RunAccumulator();
  private startedAt: number | null = null;
  private timer: NodeJS.Timeout;
  private ended = false;

  constructor(
    private readonly limitMs: number,
    startupMs: number,
    startupFailure: string,
    private readonly end: (result: CellResult) => void,
  ) {
    this.timer = setTimeout(() => this.finish(this.acc.finalize('error', 0, startupFailure)), startupMs);
  }

  /** ms since the cell started, to 0.1 ms; 0 before */
  elapsed(): number {
    return this.startedAt === null ? 0 : Math.round((performance.now() - this.startedAt) * 10) / 10;
  }

  started(): void {
    this.startedAt = performance.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => this.finish(this.acc.finalize('timeout', this.elapsed(), `Stopped: the time limit of ${this.limitMs / 1000} s was reached`)),
      this.limitMs,
    );
  }

  /** Ends with an error at the current elapsed time. */
  fail(message: string): void {
    this.finish(this.acc.finalize('error', this.elapsed(), message));
  }

  finish(result: CellResult): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.end(result);
  }
}
