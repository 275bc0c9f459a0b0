/**
 * What the cell runtime needs from the world it runs in. Two implementations: the browser worker
 * (src/sandbox/browser-platform.ts) and the Node worker thread used to record cells at build time
 * (src/node/pipeline/cells/node-platform.ts). Everything else in src/sandbox is platform-neutral.
 */

/** A pool thread, seen from the cell's thread: a browser Worker or a Node worker_threads Worker. */
export interface ThreadPort {
  post(msg: ToPool): void;
  onMessage(cb: (msg: FromPool) => void): void;
  /** the thread died (script error, crash) — its job fails */
  onError(cb: (err: unknown) => void): void;
  terminate(): void;
}

export interface Platform {
  /** monotonic milliseconds (performance.now()) */
  now(): number;
  /**
   * Runs `cb` in a fresh macrotask (asyncio's loop.call_soon). Future callbacks go through it so that each resumed
   * task runs alone, with an empty microtask queue — that is what lets the recorder know which task is running.
   */
  callSoon(cb: () => void): void;
  /** async GET of an absolute URL → body text */
  fetchText(url: string): Promise<string>;
  /** truly blocking GET of an absolute URL (the calling thread does nothing else meanwhile) */
  blockingFetchText(url: string): string;
  /** start one pool thread for toThread */
  spawnThread(): ThreadPort;
  /** asyncio's default executor size: min(32, cpus + 4) */
  maxThreads: number;
  /**
   * Whether a SharedArrayBuffer can be posted to a pool thread (Node: yes; browsers: only when crossOriginIsolated).
   * Decides whether the slow-API emulation's queue is shared with threads.
   */
  canShareMemory: boolean;
  /**
   * Optional warm-up before the clock starts, given the compiled cell and the run's base URL: e.g. Node loads its
   * HTTP client and starts the blocking-fetch thread on first use, 30–300 ms that would otherwise show up as the
   * first request's time.
   */
  prepare?(js: string, baseUrl: string): Promise<void>;
}

// ---- cell thread ⇄ pool thread protocol ----

export interface PoolInit {
  type: 'init';
  baseUrl: string;
  emulateSlowApi: boolean;
  /** the cell uses blockingGet: warm the thread's HTTP machinery before saying 'ready' */
  warmBlockingGet?: boolean;
  /** the slow-API emulation's shared queue state, when memory can be shared */
  emulationState?: SharedArrayBuffer;
}
export interface PoolJob {
  type: 'job';
  id: number;
  /** the function's source text (fn.toString()); the thread evaluates it — closures do not travel */
  fnSource: string;
  args: unknown[];
}
export type ToPool = PoolInit | PoolJob;

export interface ThreadErrorInfo {
  name: string;
  message: string;
  stack?: string;
}
export type FromPool =
  | { type: 'ready' }
  /** `t` in epoch ms (threads start before the run's clock does; the cell's thread converts) */
  | { type: 'output'; t: number; text: string; stream: 'out' | 'err' | 'warn' }
  | { type: 'done'; id: number; ok: true; value: unknown }
  | { type: 'done'; id: number; ok: false; error: ThreadErrorInfo };

/** epoch milliseconds with sub-ms precision, comparable across threads */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Blocks the calling thread for real: Atomics.wait on a shared wasm memory (works without cross-origin isolation). */
let sleepCell: Int32Array | undefined;
export function sleepSync(ms: number): void {
  if (!(ms > 0)) return;
  sleepCell ??= new Int32Array(new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer as unknown as SharedArrayBuffer, 0, 1);
  const end = performance.now() + ms;
  // Atomics.wait may wake early (spurious wake-ups are allowed): loop until the deadline.
  for (let left = ms; left > 0; left = end - performance.now()) Atomics.wait(sleepCell, 0, 0, left);
}

/** Resolves a cell's URL (often relative, `/api/slow?delay=500`) against the deck's page URL. */
export function resolveUrl(url: string, baseUrl: string): URL {
  return new URL(url, baseUrl);
}

/** How a URL appears in timelines and warnings: path + query when on the deck's own host, else in full. */
export function displayUrl(url: URL, baseUrl: string): string {
  try {
    if (url.origin === new URL(baseUrl).origin) return url.pathname + url.search;
  } catch {
    // a base that is not a URL: show the full URL
  }
  return url.href;
}
