/**
 * The slow API, served in-process when the deck is on a static host with no server (RunRequest.emulateSlowApi).
 *
 * It behaves like src/node/server/slow-api.ts: an answer after `?delay=` ms, at most SLOW_API_WORKERS requests served at
 * once, the rest waiting in FIFO order — or, with `?rate_limit=1`, refused at once (429) when every worker is busy. Because every request's duration is known when it arrives, the FIFO schedule
 * can be computed at arrival: the request takes the worker that frees up first. So no server loop is needed — an
 * async `get` sleeps until its computed end, a `blockingGet` blocks (Atomics.wait) until it.
 *
 * The queue state (when each worker is free, epoch ms) lives in a small buffer guarded by a spin lock, so that pool
 * threads can share it when a SharedArrayBuffer can be posted to them (Node; cross-origin isolated pages).
 */
import { SLOW_API_PATH, SLOW_API_REFUSED_STATUS, SLOW_API_WORKERS } from '../shared/types';
import { epochNow, sleepSync } from './platform';

export const DEFAULT_SLOW_DELAY_MS = 1000;
export const MAX_SLOW_DELAY_MS = 10_000;

export function isSlowApiUrl(url: URL): boolean {
  return url.pathname === '/' + SLOW_API_PATH || url.pathname.endsWith('/' + SLOW_API_PATH);
}

/** `?delay=` in ms: default 1000, clamped to 0…10000 (same rule as the real server). */
export function slowApiDelay(url: URL): number {
  const raw = url.searchParams.get('delay');
  const n = raw === null || raw === '' ? DEFAULT_SLOW_DELAY_MS : Number(raw);
  if (!Number.isFinite(n)) return DEFAULT_SLOW_DELAY_MS;
  return Math.min(MAX_SLOW_DELAY_MS, Math.max(0, Math.round(n)));
}

/** `?rate_limit=1` (or `true`): the rate-limited mode — a request that finds every worker busy is refused at once. */
export function slowApiRateLimited(url: URL): boolean {
  const v = url.searchParams.get('rate_limit');
  return v !== null && v !== '0' && v.toLowerCase() !== 'false';
}

/** The body of a refusal (HTTP 429), from the server and the emulation alike. */
export function slowApiRefusedBody(): string {
  return JSON.stringify({ error: 'too many requests', limit: SLOW_API_WORKERS });
}

/** A refused request, as the TypeScript cells' get/blockingGet report it (the platforms' words for any HTTP error). */
export function httpErrorMessage(verb: string, url: string, status: number): string {
  return `${verb} ${url}: HTTP ${status}`;
}

/** The HTTP status in an error thrown by get/blockingGet, if it says one. */
export function httpStatusOf(err: unknown): number | null {
  const m = /\bHTTP (\d{3})\b/.exec(err instanceof Error ? err.message : String(err));
  return m ? Number(m[1]) : null;
}

/** The body both the server and the emulation answer with. */
export function slowApiBody(delay: number, waitedMs: number, servedAtEpoch: number): string {
  return JSON.stringify({ delay, waitedMs: Math.round(waitedMs), servedAt: new Date(servedAtEpoch).toISOString() });
}

/** Bytes: an Int32 lock, padding, then one Float64 "free at" (epoch ms) per worker. */
export const EMULATION_STATE_BYTES = 8 + 8 * SLOW_API_WORKERS;

/** Memory for the queue state: shared (postable to threads) when possible, plain otherwise. */
export function createEmulationState(shared: boolean): ArrayBuffer | SharedArrayBuffer {
  if (!shared) return new ArrayBuffer(EMULATION_STATE_BYTES);
  // A wasm memory's buffer is a SharedArrayBuffer even where the SharedArrayBuffer constructor is gated.
  return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer as unknown as SharedArrayBuffer;
}

/** A reply of the emulated API: 200 with the body, or a refusal. */
export interface EmulatedReply {
  status: number;
  text: string;
}

export interface Reservation {
  /** epoch ms when a worker picks the request up */
  start: number;
  /** epoch ms when the answer is sent */
  end: number;
  arrived: number;
  delay: number;
}

export class SlowApiEmulator {
  private readonly lock: Int32Array;
  private readonly freeAt: Float64Array;

  constructor(state: ArrayBuffer | SharedArrayBuffer = createEmulationState(false)) {
    this.lock = new Int32Array(state, 0, 1);
    this.freeAt = new Float64Array(state, 8, SLOW_API_WORKERS);
  }

  /**
   * Takes the worker that frees up first — FIFO, since arrivals are handled in order. With `refuseWhenBusy` (the
   * rate-limited mode) a request that finds every worker busy takes none: null. A worker whose answer is due within
   * a millisecond counts as free (timers may fire that much early; the real server has freed it by then).
   */
  reserve(delay: number, arrived = epochNow(), refuseWhenBusy = false): Reservation | null {
    // The critical section is a few loads and stores: spinning is cheaper than anything else available here.
    while (Atomics.compareExchange(this.lock, 0, 0, 1) !== 0) {
      /* spin */
    }
    try {
      let best = 0;
      for (let i = 1; i < this.freeAt.length; i++) if (this.freeAt[i]! < this.freeAt[best]!) best = i;
      if (refuseWhenBusy && this.freeAt[best]! > arrived + 1) return null;
      const start = Math.max(arrived, this.freeAt[best]!);
      const end = start + delay;
      this.freeAt[best] = end;
      return { start, end, arrived, delay };
    } finally {
      Atomics.store(this.lock, 0, 0);
    }
  }

  /** async GET: resolves with the reply at the reserved end time, or at once with a refusal */
  fetch(url: URL, setTimer: (cb: () => void, ms: number) => unknown): Promise<EmulatedReply> {
    const r = this.reserve(slowApiDelay(url), epochNow(), slowApiRateLimited(url));
    if (!r) return Promise.resolve({ status: SLOW_API_REFUSED_STATUS, text: slowApiRefusedBody() });
    return new Promise((resolve) => {
      setTimer(
        () => resolve({ status: 200, text: slowApiBody(r.delay, r.start - r.arrived, epochNow()) }),
        Math.max(0, r.end - epochNow()),
      );
    });
  }

  /** blocking GET: really blocks the calling thread until the reserved end time (a refusal comes at once) */
  blockingFetch(url: URL): EmulatedReply {
    const r = this.reserve(slowApiDelay(url), epochNow(), slowApiRateLimited(url));
    if (!r) return { status: SLOW_API_REFUSED_STATUS, text: slowApiRefusedBody() };
    sleepSync(r.end - epochNow());
    return { status: 200, text: slowApiBody(r.delay, r.start - r.arrived, epochNow()) };
  }

  /** async GET for the TypeScript cells: the body, or an error like the platforms' for a refusal */
  async fetchText(url: URL, setTimer: (cb: () => void, ms: number) => unknown): Promise<string> {
    const reply = await this.fetch(url, setTimer);
    if (reply.status !== 200) throw new Error(httpErrorMessage('get', url.href, reply.status));
    return reply.text;
  }

  /** blocking GET for the TypeScript cells and their threads */
  blockingFetchText(url: URL): string {
    const reply = this.blockingFetch(url);
    if (reply.status !== 200) throw new Error(httpErrorMessage('blockingGet', url.href, reply.status));
    return reply.text;
  }
}
