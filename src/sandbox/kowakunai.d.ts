/**
 * Types of the module cells import (`import { sleep } from 'kowakunai'`), so cell files type-check and editors
 * complete them. The implementation is src/sandbox/cell-api.ts; compileCell maps the import to it at run time.
 */
declare module 'kowakunai' {
  /** An awaitable the runtime tracks (awaiting it shows as a wait on the timeline). */
  export interface Awaitable<T> extends PromiseLike<T> {
    catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R>;
    finally(onFinally?: (() => void) | null): Promise<T>;
    done(): boolean;
  }
  /** asyncio.Task: a function running on its own; await it for its result. */
  export interface Task<T> extends Awaitable<T> {
    readonly name: string;
  }
  type Result<R> = R extends PromiseLike<infer U> ? U : R;
  type Results<T extends readonly unknown[]> = { -readonly [K in keyof T]: Result<T[K]> };

  /** asyncio.sleep: pause this task; the others run meanwhile. */
  export function sleep(seconds?: number): Awaitable<void>;
  /** asyncio.create_task: start `fn(...args)` as a task of its own (it starts when the current task yields). */
  export function createTask<A extends unknown[], R>(name: string, fn: (...args: A) => R, ...args: A): Task<Result<R>>;
  /** asyncio.gather: wait for all; the results come in the order given. */
  export function gather<T extends unknown[]>(...awaitables: T): Awaitable<Results<T>>;
  /** asyncio.Semaphore: at most `value` holders at once. */
  export class Semaphore {
    constructor(value?: number);
    acquire(): Awaitable<true>;
    release(): void;
    locked(): boolean;
    /** `async with sem:` — acquire, run fn, release */
    with<R>(fn: () => R | PromiseLike<R>): Promise<Result<R>>;
  }
  /**
   * asyncio.to_thread: run `fn(...args)` on a real separate thread. `fn` travels as source text: it may use only
   * its arguments and the thread's globals (blockingSleep, blockingGet, print, console), not outer variables.
   */
  export function toThread<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Awaitable<Result<R>>;
  /** time.sleep: blocks the whole thread (and the event loop with it). */
  export function blockingSleep(seconds: number): void;
  /** requests.get: a blocking GET; returns the body text. Relative URLs resolve against the deck's page. */
  export function blockingGet(url: string): string;
  /** An async GET (like httpx.AsyncClient().get); resolves with the body text. */
  export function get(url: string): Awaitable<string>;
  /** print: arguments joined by spaces. */
  export function print(...args: unknown[]): void;
  /** seconds since the run started */
  export function now(): number;
}
