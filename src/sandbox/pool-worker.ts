/** Entry of a toThread pool worker in the browser (bundled to a string and started from a blob URL). */
import { syncXhrText, workerScope } from './browser-platform';
import type { ToPool } from './platform';
import { startThreadRuntime } from './thread-core';

startThreadRuntime({
  onMessage: (cb) => {
    workerScope.onmessage = (e) => cb(e.data as ToPool);
  },
  post: (msg) => workerScope.postMessage(msg),
  blockingFetchText: syncXhrText,
});
