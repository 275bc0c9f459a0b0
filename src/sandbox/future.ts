/**
 * Futures and Tasks: the awaitables the cell API returns. They are thenables rather than Promises so the runtime sees
 * every await of them: `then` records a wait on the awaiting task, and when the future settles the awaiting task is
 * resumed in its own macrotask (like asyncio, which schedules a task's next step with call_soon). Resuming alone is
 * what makes the recorder's "current task" reliable: the switch happens right before the continuation runs, with
 * nothing else queued in between.
 */
import type { TaskSpan } from '../shared/types';
import type { Recorder, Wait } from './recorder';

export interface Loop {
  rec: Recorder;
  callSoon(cb: () => void): void;
}

interface Subscriber {
  owner: TaskSpan | null;
  wait: Wait | null;
  ok(value: unknown): void;
  err(reason: unknown): void;
}

type State = 'pending' | 'fulfilled' | 'rejected';

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as PromiseLike<unknown>).then === 'function';
}

export class Future<T = unknown> implements PromiseLike<T> {
  protected state: State = 'pending';
  private value: unknown;
  /** true once someone awaited or subscribed: an exception nobody retrieved is reported at the end of the run */
  retrieved = false;
  private subs: Subscriber[] = [];
  private internal: ((ok: boolean, value: unknown) => void)[] = [];

  constructor(
    protected readonly loop: Loop,
    /** what a task waiting on this future waits on, in the timeline */
    readonly label: string,
  ) {}

  done(): boolean {
    return this.state !== 'pending';
  }

  failed(): boolean {
    return this.state === 'rejected';
  }

  get error(): unknown {
    return this.state === 'rejected' ? this.value : undefined;
  }

  resolve(value: T): void {
    this.settle('fulfilled', value);
  }

  reject(reason: unknown): void {
    this.settle('rejected', reason);
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.retrieved = true;
    const rec = this.loop.rec;
    // `await` calls then() from a microtask of the awaiting task's own step, so `current` is the awaiter.
    const owner = rec.current ?? null;
    const wait = this.state === 'pending' && owner ? rec.beginWait(owner, this.label) : null;
    return new Promise<R1 | R2>((resolve, reject) => {
      this.listen({
        owner,
        wait,
        ok: (v) => {
          if (!onFulfilled) return resolve(v as R1);
          try {
            resolve(onFulfilled(v as T));
          } catch (e) {
            reject(e);
          }
        },
        err: (e) => {
          if (!onRejected) return reject(e);
          try {
            resolve(onRejected(e));
          } catch (e2) {
            reject(e2);
          }
        },
      });
    });
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then(
      (v) => {
        onFinally?.();
        return v;
      },
      (e: unknown) => {
        onFinally?.();
        throw e;
      },
    );
  }

  /** Runtime-internal subscription (gather, toThread…): records no wait, switches no task, runs synchronously. */
  onSettle(cb: (ok: boolean, value: unknown) => void): void {
    this.retrieved = true;
    if (this.state === 'pending') this.internal.push(cb);
    else cb(this.state === 'fulfilled', this.value);
  }

  private listen(sub: Subscriber): void {
    if (this.state === 'pending') this.subs.push(sub);
    else this.loop.callSoon(() => this.run(sub));
  }

  private run(sub: Subscriber): void {
    if (sub.owner) this.loop.rec.resume(sub.owner, sub.wait);
    if (this.state === 'fulfilled') sub.ok(this.value);
    else sub.err(this.value);
  }

  private settle(state: State, value: unknown): void {
    if (this.state !== 'pending') return;
    this.state = state;
    this.value = value;
    for (const sub of this.subs) this.loop.callSoon(() => this.run(sub));
    for (const cb of this.internal) cb(state === 'fulfilled', value);
    this.subs = [];
    this.internal = [];
  }
}

/** A future that is already settled. */
export function settledFuture<T>(loop: Loop, label: string, value: T): Future<T> {
  const f = new Future<T>(loop, label);
  f.resolve(value);
  return f;
}

/**
 * asyncio.Task: runs `fn(...args)` as a task of its own, starting in the next turn of the loop (like create_task,
 * whose coroutine starts when the creator yields). Awaiting it waits for its result.
 */
export class Task<T = unknown> extends Future<T> {
  readonly name: string;
  readonly span: TaskSpan;

  constructor(loop: Loop, name: string, fn: (...args: unknown[]) => unknown, args: unknown[]) {
    super(loop, `Task ${name}`);
    this.name = name;
    this.span = loop.rec.startTask(name);
    // Ready but not yet running: when another task blocks the loop, this stretch can be long, and the
    // timeline must draw it as waiting for the loop, not as running.
    const scheduled = loop.rec.beginWait(this.span, 'the loop');
    loop.callSoon(() => this.step(fn, args, scheduled));
  }

  private step(fn: (...args: unknown[]) => unknown, args: unknown[], scheduled: ReturnType<Loop['rec']['beginWait']>): void {
    this.loop.rec.resume(this.span, scheduled);
    // the usual case: it ran on the very next turn — nothing worth drawing
    if (scheduled && scheduled.end !== null && scheduled.end - scheduled.start < 1) {
      this.span.waits.splice(this.span.waits.indexOf(scheduled), 1);
    }
    let r: unknown;
    try {
      r = fn(...args);
    } catch (e) {
      this.finish('rejected', e);
      return;
    }
    if (isThenable(r)) {
      Promise.resolve(r).then(
        (v) => this.finish('fulfilled', v),
        (e: unknown) => this.finish('rejected', e),
      );
    } else {
      this.finish('fulfilled', r);
    }
  }

  private finish(state: 'fulfilled' | 'rejected', value: unknown): void {
    this.loop.rec.endTask(this.span);
    if (state === 'fulfilled') this.resolve(value as T);
    else this.reject(value);
  }

  toString(): string {
    const state = this.state === 'pending' ? 'pending' : 'finished';
    return `<Task ${state} name='${this.name}'>`;
  }
}
