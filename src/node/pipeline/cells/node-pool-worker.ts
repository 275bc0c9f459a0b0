/** Entry of a toThread pool thread in Node (bundled by node-runtime.ts). */
import { parentPort } from 'node:worker_threads';
import type { ToPool } from '../../../sandbox/platform';
import { startThreadRuntime } from '../../../sandbox/thread-core';
import { createBlockingFetcher } from './node-blocking-fetch';
import { warmUpUrl } from './node-platform';

const port = parentPort!;
const blockingFetch = createBlockingFetcher();
startThreadRuntime({
  onMessage: (cb) => void port.on('message', (msg: ToPool) => cb(msg)),
  post: (msg) => port.postMessage(msg),
  blockingFetchText: blockingFetch,
  warmUp: (baseUrl) => {
    try {
      blockingFetch(warmUpUrl(baseUrl));
    } catch {
      // a 404 throws; the thread and its client are warm all the same
    }
  },
});
