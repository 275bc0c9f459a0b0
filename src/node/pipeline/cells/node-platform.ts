/**
 * The Platform in Node, for recording cells at build time: the cell runs in a worker_thread, toThread threads are
 * further worker_threads (the bundled node-pool-worker), blockingGet blocks for real (node-blocking-fetch).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FromPool, Platform, ThreadPort, ToPool } from '../../../sandbox/platform';
import { createBlockingFetcher } from './node-blocking-fetch';

export async function nodeFetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`get ${url}: HTTP ${res.status}`);
  return res.text();
}

/** A URL every fetch implementation serves without a network: enough to load and start it. */
export const WARM_UP_URL = 'data:,kowakunai';

/**
 * A real request (its answer does not matter, a 404 will do) loads the HTTP client's parser and opens a connection.
 * Errors are ignored: warming up is best effort.
 */
export function warmUpUrl(baseUrl: string): string {
  try {
    return new URL('/__kowakunai_warm_up', baseUrl).href;
  } catch {
    return WARM_UP_URL;
  }
}

export function createNodePlatform(options: { poolWorkerFile: string }): Platform {
  const blockingFetch = createBlockingFetcher();
  return {
    now: () => performance.now(),
    // setImmediate callbacks each get their own microtask checkpoint (Node ≥ 11): one macrotask per callback
    callSoon: (cb) => void setImmediate(cb),
    fetchText: nodeFetchText,
    blockingFetchText: blockingFetch,
    async prepare(js, baseUrl) {
      // Node loads its fetch (undici) and HTTP parser on first use; blockingGet starts a helper thread on first use.
      const url = warmUpUrl(baseUrl);
      if (/\bget\b/.test(js)) await fetch(url).then((r) => r.text(), () => undefined);
      if (/\bblockingGet\b/.test(js)) {
        try {
          blockingFetch(url);
        } catch {
          // a 404 throws; the thread and its client are warm all the same
        }
      }
    },
    spawnThread(): ThreadPort {
      const w = new Worker(options.poolWorkerFile, { name: 'kowakunai toThread' });
      w.unref(); // an idle pool must not keep a process alive
      return {
        post: (msg: ToPool) => w.postMessage(msg),
        onMessage: (cb: (msg: FromPool) => void) => void w.on('message', cb),
        onError: (cb) => void w.on('error', cb),
        terminate: () => void w.terminate(),
      };
    },
    maxThreads: Math.min(32, availableParallelism() + 4),
    canShareMemory: true,
  };
}
