/**
 * The Platform in the browser: the cell runs in a dedicated worker inside the sandboxed iframe; toThread threads are
 * further workers started from a blob URL (the iframe's origin is opaque, so nothing can be loaded by URL).
 */
import type { FromPool, Platform, ThreadPort, ToPool } from './platform';

/** The parts of a worker's global scope used here (tsconfig has the DOM lib, not WebWorker). */
export interface WorkerScope {
  postMessage(msg: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
  addEventListener(type: string, cb: (e: Event) => void): void;
  crossOriginIsolated?: boolean;
}
export const workerScope = self as unknown as WorkerScope;

/** Synchronous XHR: the one truly blocking request a browser thread can make (allowed in workers). */
export function syncXhrText(url: string): string {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url, false);
  xhr.send();
  if (xhr.status === 0) throw new Error(`blockingGet ${url}: network error`);
  if (xhr.status >= 400) throw new Error(`blockingGet ${url}: HTTP ${xhr.status}`);
  return xhr.responseText;
}

export async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(`get ${url}: HTTP ${res.status}`);
  return res.text();
}

/** One macrotask per callback: each MessageChannel message is its own task, with a microtask checkpoint after. */
function createCallSoon(): (cb: () => void) => void {
  const queue: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  return (cb) => {
    queue.push(cb);
    channel.port2.postMessage(0);
  };
}

export function createBrowserPlatform(poolWorkerJs: string): Platform {
  let poolUrl: string | null = null;
  return {
    now: () => performance.now(),
    callSoon: createCallSoon(),
    fetchText,
    blockingFetchText: syncXhrText,
    spawnThread(): ThreadPort {
      // classic workers: module workers from blob: URLs fail to start in an opaque-origin iframe (Chromium)
      poolUrl ??= URL.createObjectURL(new Blob([poolWorkerJs], { type: 'text/javascript' }));
      const w = new Worker(poolUrl, { name: 'kowakunai toThread' });
      return {
        post: (msg: ToPool) => w.postMessage(msg),
        onMessage: (cb: (msg: FromPool) => void) => (w.onmessage = (e: MessageEvent) => cb(e.data as FromPool)),
        onError: (cb) =>
          (w.onerror = (e: ErrorEvent) => {
            e.preventDefault();
            cb(new Error(e.message || 'toThread: the thread failed'));
          }),
        terminate: () => w.terminate(),
      };
    },
    maxThreads: Math.min(32, (navigator.hardwareConcurrency || 4) + 4),
    canShareMemory: workerScope.crossOriginIsolated === true,
  };
}
