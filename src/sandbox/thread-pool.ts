/**
 * The executor behind toThread: real threads (browser Workers / Node worker_threads), started lazily up to
 * Platform.maxThreads and reused; jobs beyond that wait in FIFO order, like asyncio's default ThreadPoolExecutor.
 */
import type { FromPool, PoolInit, ThreadErrorInfo, ThreadPort } from './platform';

interface PendingJob {
  id: number;
  fnSource: string;
  args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface PoolThread {
  port: ThreadPort;
  job: PendingJob | null;
  ready: Promise<void>;
}

export type ThreadOutput = Extract<FromPool, { type: 'output' }>;

/** An error from a thread, rebuilt in the cell's thread (errors are not structured-cloned with their class). */
export function threadError(info: ThreadErrorInfo): Error {
  const e = new Error(info.message);
  e.name = info.name;
  if (info.stack) e.stack = info.stack;
  return e;
}

export class ThreadPool {
  private readonly threads: PoolThread[] = [];
  private readonly queue: PendingJob[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly spawn: () => ThreadPort,
    private readonly maxThreads: number,
    private readonly init: PoolInit,
    private readonly onOutput: (line: ThreadOutput) => void,
  ) {}

  /** Starts up to n threads ahead of time (a cell that uses toThread should not pay for thread start-up). */
  prewarm(n: number): Promise<void> {
    while (this.threads.length < Math.min(n, this.maxThreads)) this.add();
    return Promise.all(this.threads.map((t) => t.ready)).then(() => undefined);
  }

  submit(fnSource: string, args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the run is over'));
      this.queue.push({ id: this.nextId++, fnSource, args, resolve, reject });
      this.pump();
    });
  }

  terminate(): void {
    this.closed = true;
    for (const t of this.threads) t.port.terminate();
    this.threads.length = 0;
  }

  private add(): PoolThread {
    const port = this.spawn();
    let markReady!: () => void;
    const thread: PoolThread = { port, job: null, ready: new Promise((r) => (markReady = r)) };
    port.onMessage((msg) => {
      if (msg.type === 'ready') markReady();
      else if (msg.type === 'output') this.onOutput(msg);
      else if (msg.type === 'done') {
        const job = thread.job;
        thread.job = null;
        if (job && job.id === msg.id) {
          if (msg.ok) job.resolve(msg.value);
          else job.reject(threadError(msg.error));
        }
        this.pump();
      }
    });
    port.onError((err) => {
      // a dead thread leaves the pool; its job fails, the others carry on
      markReady();
      const i = this.threads.indexOf(thread);
      if (i >= 0) this.threads.splice(i, 1);
      thread.job?.reject(err instanceof Error ? err : new Error(`thread failed: ${String(err)}`));
      thread.job = null;
      port.terminate();
      this.pump();
    });
    port.post(this.init);
    this.threads.push(thread);
    return thread;
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const idle = this.threads.find((t) => t.job === null) ?? (this.threads.length < this.maxThreads ? this.add() : null);
      if (!idle) return;
      const job = this.queue.shift()!;
      idle.job = job;
      try {
        idle.port.post({ type: 'job', id: job.id, fnSource: job.fnSource, args: job.args });
      } catch (e) {
        // arguments that cannot be structured-cloned
        idle.job = null;
        job.reject(e);
      }
    }
  }
}
