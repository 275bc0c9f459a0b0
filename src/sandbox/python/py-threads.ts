/**
 * Python threads on separate workers: the loop's side (ThreadLinks) and the thread's side (serveThread).
 *
 * The host (the sandbox frame, or the build's recording page) starts the thread workers — each one the same Python
 * worker bundle, with its own Pyodide — and hands the loop's worker one MessagePort per thread. The host owns them:
 * it terminates them with the run (end, Stop, time limit), so nothing outlives a run. Calls cross as pickled bytes
 * (threads.py); a port carries base64 text, which Pyodide converts to and from Python strings without copies of
 * proxies to clean up.
 */
import type { PyodideAPI } from 'pyodide';
import { epochNow } from '../platform';
import type { PyRecorder } from './py-recorder';

export { PY_MAX_THREADS as MAX_THREADS, PY_USES_THREADS as USES_THREADS } from '../../shared/types';

export interface ThreadInit {
  type: 'init';
  source: string;
  baseUrl: string;
  emulateSlowApi: boolean;
}
export type ToThread = ThreadInit | { type: 'job'; id: number; data: string };
export type FromThread =
  | { type: 'ready'; loadMs: number }
  | { type: 'print'; text: string; stream: 'out' | 'err' | 'warn' }
  | { type: 'done'; id: number; ok: boolean; data: string; tb: string; t0: number; t1: number };

export interface ThreadAnswer {
  ok: boolean;
  data: string;
  tb: string;
}

interface Job {
  id: number;
  pool: string;
  cap: number;
  data: string;
  label: string;
  resolve(a: ThreadAnswer): void;
  reject(e: Error): void;
}

interface Thread {
  port: MessagePort;
  /** its row on the timeline */
  row: number;
  job: Job | null;
  calls: string[];
}

/** The first id of thread rows: far from the task ids runtime.py hands out (0, 1, 2 …). */
const ROW_BASE = 10_000;

export class ThreadLinks {
  private readonly threads: Thread[];
  private readonly queue: Job[] = [];
  /** pool name → the threads it has used (a pool of max_workers=n keeps to n threads, as a real executor) */
  private readonly pools = new Map<string, Set<Thread>>();
  private nextId = 1;
  private closed = false;

  private constructor(
    ports: MessagePort[],
    private readonly rec: PyRecorder,
    private readonly epochAtStart: () => number,
  ) {
    this.threads = ports.map((port, i) => ({ port, row: ROW_BASE + i, job: null, calls: [] }));
  }

  /** Sends each thread the run's init and waits until all have Pyodide and the runtime loaded. */
  static async open(ports: MessagePort[], init: ThreadInit, rec: PyRecorder, epochAtStart: () => number): Promise<{ links: ThreadLinks; loadMs: number }> {
    const links = new ThreadLinks(ports, rec, epochAtStart);
    const loads = await Promise.all(
      links.threads.map(
        (t) =>
          new Promise<number>((resolve) => {
            t.port.onmessage = (e: MessageEvent) => {
              const msg = e.data as FromThread;
              if (msg.type === 'ready') resolve(msg.loadMs);
              else links.onMessage(t, msg);
            };
            t.port.postMessage(init satisfies ToThread);
          }),
      ),
    );
    return { links, loadMs: Math.max(0, ...loads) };
  }

  /** A call for a pool that may use `cap` threads at once; settles with the pickled answer. */
  submit(pool: string, cap: number, data: string, label: string): Promise<ThreadAnswer> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the run is over'));
      this.queue.push({ id: this.nextId++, pool, cap: Math.max(1, Math.min(cap, this.threads.length)), data, label, resolve, reject });
      this.pump();
    });
  }

  close(): void {
    this.closed = true;
    for (const t of this.threads) t.port.close();
  }

  private onMessage(t: Thread, msg: FromThread): void {
    if (msg.type === 'print') this.rec.print(msg.text, msg.stream);
    else if (msg.type === 'done' && t.job?.id === msg.id) {
      const job = t.job;
      t.job = null;
      this.rec.threadCallEnd(t.row, msg.t1 - this.epochAtStart());
      job.resolve({ ok: msg.ok, data: msg.data, tb: msg.tb });
      this.pump();
    }
  }

  /** FIFO, but a job whose pool is at its cap lets the jobs of other pools pass. */
  private pump(): void {
    for (let i = 0; i < this.queue.length; ) {
      const job = this.queue[i]!;
      const thread = this.pick(job);
      if (!thread) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      thread.job = job;
      if (!thread.calls.includes(job.label)) thread.calls.push(job.label);
      const name = `thread ${thread.row - ROW_BASE + 1} · ${thread.calls.slice(0, 2).join(', ')}${thread.calls.length > 2 ? ' …' : ''}`;
      this.rec.threadCallStart(thread.row, name, epochNow() - this.epochAtStart());
      thread.port.postMessage({ type: 'job', id: job.id, data: job.data } satisfies ToThread);
    }
  }

  private pick(job: Job): Thread | null {
    const own = this.pools.get(job.pool) ?? new Set<Thread>();
    this.pools.set(job.pool, own);
    const busy = [...own].filter((t) => t.job !== null).length;
    if (busy >= job.cap) return null;
    const reuse = [...own].find((t) => t.job === null);
    if (reuse) return reuse;
    if (own.size >= job.cap) return null; // its own threads are all busy: it waits for one of them
    const fresh = this.threads.find((t) => t.job === null && !own.has(t));
    if (fresh) own.add(fresh);
    return fresh ?? null;
  }
}

/** What the thread's Python calls (`import _kowakunai`): output to the loop, real blocking, and no loop events. */
export interface ThreadBridgeParts {
  print(text: string, stream: 'out' | 'err' | 'warn'): void;
  sleep_sync(ms: number): void;
  get_blocking(url: string): unknown;
}

/**
 * The thread's side: once its Pyodide is loaded, it runs the calls that come through `port`, one at a time, each in
 * a plain synchronous runPython — so time.sleep and requests.get block this worker, and only it.
 */
export function serveThread(
  py: PyodideAPI,
  port: MessagePort,
  loadMs: number,
  setup: (init: ThreadInit, post: (m: FromThread) => void) => void,
): void {
  const post = (m: FromThread): void => port.postMessage(m);
  port.onmessage = (e: MessageEvent) => {
    const msg = e.data as ToThread;
    if (msg.type === 'init') {
      setup(msg, post);
      post({ type: 'ready', loadMs });
      return;
    }
    const t0 = epochNow();
    const run = py.globals.get('_kowakunai_run_job') as (data: string) => { toJs(): [boolean, string, string]; destroy(): void };
    let answer: [boolean, string, string];
    try {
      const r = run(msg.data);
      answer = r.toJs();
      r.destroy();
    } catch (err) {
      // the job runner itself failed (it catches the call's own exceptions): say so rather than hang the caller
      answer = [false, '', `thread failed: ${err instanceof Error ? err.message : String(err)}`];
    }
    py.runPython('import sys; sys.stdout.flush(); sys.stderr.flush()');
    post({ type: 'done', id: msg.id, ok: answer[0], data: answer[1], tb: answer[2], t0, t1: epochNow() });
  };
}
