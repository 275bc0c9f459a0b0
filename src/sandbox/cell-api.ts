/**
 * The API cells import from `kowakunai`, in asyncio's vocabulary. Platform-neutral: the thread pool, HTTP and the
 * clock come from a Platform; every call is recorded on the timeline by the Recorder.
 */
import type { CellApiName } from '../shared/cell-compile';
import { formatArgs } from './format';
import { Future, Task, isThenable, settledFuture, type Loop } from './future';
import { displayUrl, epochNow, resolveUrl, sleepSync, type Platform } from './platform';
import { PendingWork } from './pending';
import type { Recorder } from './recorder';
import { SlowApiEmulator, httpStatusOf, isSlowApiUrl } from './slow-api-emulation';
import { SLOW_API_REFUSED_STATUS } from '../shared/types';
import type { ThreadPool } from './thread-pool';

export interface CellApiContext {
  platform: Platform;
  rec: Recorder;
  baseUrl: string;
  emulateSlowApi: boolean;
  emulator: SlowApiEmulator;
  /** the runtime's own timer (the cell's global setTimeout is wrapped) */
  setTimeout: (cb: () => void, ms: number) => unknown;
  /** the toThread executor, created on first use */
  pool: () => ThreadPool;
  /** what may still settle the cell: the loop's callbacks and the platform's I/O are counted here */
  pending?: PendingWork;
}

type AnyFn = (...args: never[]) => unknown;

export interface SemaphoreLike {
  acquire(): PromiseLike<true>;
  release(): void;
  locked(): boolean;
  with<R>(fn: () => R | PromiseLike<R>): Promise<Awaited<R>>;
}

export interface CellApi {
  sleep(seconds?: number): Future<void>;
  createTask<A extends unknown[], R>(name: string, fn: (...args: A) => R, ...args: A): Task<Awaited<R>>;
  gather(...awaitables: unknown[]): Future<unknown[]>;
  Semaphore: new (value?: number) => SemaphoreLike;
  toThread<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<Awaited<R>>;
  blockingSleep(seconds: number): void;
  blockingGet(url: string): string;
  get(url: string): Future<string>;
  print(...args: unknown[]): void;
  now(): number;
}

// The compiled cell destructures exactly CELL_API_NAMES from the API object: keep the two in step.
type Missing = Exclude<CellApiName, keyof CellApi>;
const allNamesPresent: Missing extends never ? true : Missing = true;
void allNamesPresent;

export interface CellRuntime {
  api: CellApi;
  loop: Loop;
  /** every task created, for the end-of-run report */
  tasks: Task[];
  /** asyncio's "Task exception was never retrieved", printed when the run ends */
  reportUnretrieved(): void;
}

export function createCellApi(ctx: CellApiContext): CellRuntime {
  const { rec, platform } = ctx;
  const pending = ctx.pending ?? new PendingWork();
  const loop: Loop = {
    rec,
    callSoon: (cb) => {
      const release = pending.hold();
      platform.callSoon(() => {
        release();
        cb();
      });
    },
  };
  const tasks: Task[] = [];
  let unnamed = 0;

  const secondsToMs = (seconds: unknown): number => {
    const s = Number(seconds ?? 0);
    if (!Number.isFinite(s)) throw new TypeError(`seconds must be a finite number, not ${String(seconds)}`);
    return Math.max(0, s * 1000);
  };

  const target = (url: string): { abs: URL; shown: string; emulated: boolean } => {
    const abs = resolveUrl(String(url), ctx.baseUrl);
    return { abs, shown: displayUrl(abs, ctx.baseUrl), emulated: ctx.emulateSlowApi && isSlowApiUrl(abs) };
  };

  /** Settles `f` from a native promise (the platform's I/O). */
  const settleFrom = <T>(f: Future<T>, p: PromiseLike<T>): Future<T> => {
    const release = pending.hold();
    p.then(release, release);
    p.then(
      (v) => f.resolve(v),
      (e: unknown) => f.reject(e),
    );
    return f;
  };

  function sleep(seconds = 0): Future<void> {
    const ms = secondsToMs(seconds);
    const f = new Future<void>(loop, `sleep(${seconds})`);
    // sleep(0) yields to the other tasks for one turn, like asyncio.sleep(0)
    if (ms === 0) loop.callSoon(() => f.resolve());
    else ctx.setTimeout(() => f.resolve(), ms);
    return f;
  }

  function createTask(nameOrFn: unknown, ...rest: unknown[]): Task {
    let name: string;
    let fn: unknown;
    if (typeof nameOrFn === 'function') {
      fn = nameOrFn;
      name = (nameOrFn as AnyFn).name || `Task-${++unnamed}`;
    } else {
      name = String(nameOrFn);
      fn = rest.shift();
    }
    let body: (...args: unknown[]) => unknown;
    if (typeof fn === 'function') body = fn as (...args: unknown[]) => unknown;
    else if (isThenable(fn)) body = () => fn; // an already-running promise: the task just waits for it
    else throw new TypeError(`createTask('${name}', fn, ...args): fn must be a function`);
    const task = new Task(loop, name, body, rest);
    tasks.push(task);
    return task;
  }

  function gather(...awaitables: unknown[]): Future<unknown[]> {
    // gather([a, b]) reads as well as gather(a, b)
    const items = awaitables.length === 1 && Array.isArray(awaitables[0]) ? (awaitables[0] as unknown[]) : awaitables;
    if (items.length === 0) return settledFuture(loop, 'gather', []);
    const f = new Future<unknown[]>(loop, `gather(${items.length})`);
    const results: unknown[] = new Array(items.length);
    let left = items.length;
    items.forEach((item, i) => {
      const done = (ok: boolean, v: unknown): void => {
        if (!ok) return f.reject(v); // like asyncio.gather: the first exception propagates
        results[i] = v;
        if (--left === 0) f.resolve(results);
      };
      if (item instanceof Future) item.onSettle(done);
      else if (isThenable(item)) item.then((v) => done(true, v), (e: unknown) => done(false, e));
      else done(true, item);
    });
    return f;
  }

  class Semaphore implements SemaphoreLike {
    private value: number;
    private readonly waiters: Future<true>[] = [];
    constructor(value = 1) {
      if (!Number.isInteger(value) || value < 0) throw new RangeError(`Semaphore(n): n must be an integer ≥ 0, not ${value}`);
      this.value = value;
    }
    locked(): boolean {
      return this.value === 0;
    }
    acquire(): Future<true> {
      if (this.value > 0 && this.waiters.length === 0) {
        this.value--;
        return settledFuture(loop, 'Semaphore.acquire', true as const);
      }
      const f = new Future<true>(loop, 'Semaphore.acquire');
      this.waiters.push(f);
      return f;
    }
    release(): void {
      // the slot passes straight to the first waiter (FIFO), so a newcomer cannot jump the queue
      const next = this.waiters.shift();
      if (next) next.resolve(true);
      else this.value++;
    }
    async with<R>(fn: () => R | PromiseLike<R>): Promise<Awaited<R>> {
      await this.acquire();
      try {
        return await fn();
      } finally {
        this.release();
      }
    }
    toString(): string {
      return `<Semaphore value=${this.value} waiters=${this.waiters.length}>`;
    }
  }

  function toThread(fn: unknown, ...args: unknown[]): Future<unknown> {
    if (typeof fn !== 'function') throw new TypeError('toThread(fn, ...args): fn must be a function');
    const f = new Future<unknown>(loop, `toThread ${(fn as AnyFn).name || 'fn'}`);
    return settleFrom(f, ctx.pool().submit(Function.prototype.toString.call(fn), args));
  }

  function blockingSleep(seconds: number): void {
    const ms = secondsToMs(seconds);
    rec.blocking(`blockingSleep(${seconds})`, () => sleepSync(ms));
  }

  /** A request the server refused at once (429) is marked on the row of the task that sent it. */
  const markRefused = (owner: typeof rec.current | undefined, shown: string, err: unknown): void => {
    if (owner && httpStatusOf(err) === SLOW_API_REFUSED_STATUS) rec.refused(owner, `GET ${shown}`);
  };

  function blockingGet(url: string): string {
    const { abs, shown, emulated } = target(url);
    const owner = rec.current;
    try {
      return rec.blocking(`blockingGet ${shown}`, () =>
        emulated ? ctx.emulator.blockingFetchText(abs) : platform.blockingFetchText(abs.href),
      );
    } catch (e) {
      markRefused(owner, shown, e);
      throw e;
    }
  }

  function get(url: string): Future<string> {
    const { abs, shown, emulated } = target(url);
    const owner = rec.current;
    const f = new Future<string>(loop, `get ${shown}`);
    const p = emulated ? ctx.emulator.fetchText(abs, ctx.setTimeout) : platform.fetchText(abs.href);
    p.then(undefined, (e: unknown) => markRefused(owner, shown, e));
    return settleFrom(f, p);
  }

  function print(...args: unknown[]): void {
    rec.print(formatArgs(args), 'out');
  }

  function now(): number {
    return rec.elapsed() / 1000;
  }

  function reportUnretrieved(): void {
    for (const t of tasks) {
      if (t.failed() && !t.retrieved) rec.print(`Task exception was never retrieved: ${t} ${formatArgs([t.error])}`, 'err');
    }
  }

  const api = {
    sleep,
    createTask,
    gather,
    Semaphore,
    toThread,
    blockingSleep,
    blockingGet,
    get,
    print,
    now,
  } as unknown as CellApi;
  return { api, loop, tasks, reportUnretrieved };
}

/** epoch ms of the run's start, for converting thread timestamps */
export function runStartEpoch(rec: Recorder): number {
  return epochNow() - rec.elapsed();
}
