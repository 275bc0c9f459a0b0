/**
 * The slow API, served in-process when the deck is on a static host with no server (RunRequest.emulateSlowApi).
 *
 * It behaves like src/server/slow-api.ts: an answer after `?delay=` ms, at most SLOW_API_WORKERS requests served at
 * once, the rest waiting in FIFO order. Because every request's duration is known when it arrives, the FIFO schedule
 * can be computed at arrival: the request takes the worker that frees up first. So no server loop is needed — an
 * async `get` sleeps until its computed end, a `blockingGet` blocks (Atomics.wait) until it.
 *
 * The queue state (when each worker is free, epoch ms) lives in a small buffer guarded by a spin lock, so that pool
 * threads can share it when a SharedArrayBuffer can be posted to them (Node; cross-origin isolated pages).
 */
import { SLOW_API_PATH, SLOW_API_WORKERS } from '../shared/types';
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

  /** Takes the worker that frees up first — FIFO, since arrivals are handled in order. */
  reserve(delay: number, arrived = epochNow()): Reservation {
    // The critical section is a few loads and stores: spinning is cheaper than anything else available here.
    while (Atomics.compareExchange(this.lock, 0, 0, 1) !== 0) {
      /* spin */
    }
    try {
      let best = 0;
      for (let i = 1; i < this.freeAt.length; i++) if (this.freeAt[i]! < this.freeAt[best]!) best = i;
      const start = Math.max(arrived, this.freeAt[best]!);
      const end = start + delay;
      this.freeAt[best] = end;
      return { start, end, arrived, delay };
    } finally {
      Atomics.store(this.lock, 0, 0);
    }
  }

  /** async GET: resolves with the body at the reserved end time */
  fetchText(url: URL, setTimer: (cb: () => void, ms: number) => unknown): Promise<string> {
    const r = this.reserve(slowApiDelay(url));
    return new Promise((resolve) => {
      setTimer(() => resolve(slowApiBody(r.delay, r.start - r.arrived, epochNow())), Math.max(0, r.end - epochNow()));
    });
  }

  /** blocking GET: really blocks the calling thread until the reserved end time */
  blockingFetchText(url: URL): string {
    const r = this.reserve(slowApiDelay(url));
    sleepSync(r.end - epochNow());
    return slowApiBody(r.delay, r.start - r.arrived, epochNow());
  }
}
