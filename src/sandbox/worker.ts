/**
 * Entry of the cell worker in the browser: one fresh worker per run, started by the frame (frame.ts) from a blob URL.
 * The first message is the RunRequest; the cell's JS is imported from a blob URL of its own.
 */
import type { RunRequest } from '../shared/types';
import { createBrowserPlatform, workerScope } from './browser-platform';
import { withStartSignal } from './pending';
import { runCell } from './run-cell';

/** The pool worker's bundled source, inlined by src/node/pipeline/sandbox-bundle.ts. */
declare const __POOL_WORKER_JS__: string;

workerScope.onmessage = (e) => {
  workerScope.onmessage = null; // a worker runs one cell, then the frame terminates it
  const req = e.data as RunRequest;
  const moduleUrl = URL.createObjectURL(new Blob([withStartSignal(req.js)], { type: 'text/javascript' }));
  // The run is over once runCell resolves: closing from inside lets Chromium end the worker's own toThread workers
  // first, where a terminate() from the frame at that moment could leave the worker alive (see frame.ts)
  void runCell(req, {
    platform: createBrowserPlatform(__POOL_WORKER_JS__),
    post: (msg) => workerScope.postMessage(msg),
    moduleUrl,
    importCell: () => import(/* @vite-ignore */ moduleUrl) as Promise<Record<string, unknown>>,
    // a blob: URL, like the cell's own: the sandbox's opaque origin can load nothing by URL from the deck's host
    importModule: (code) => import(/* @vite-ignore */ URL.createObjectURL(new Blob([code], { type: 'text/javascript' }))) as Promise<Record<string, unknown>>,
    onUncaught: (cb) => {
      workerScope.addEventListener('unhandledrejection', (ev) => {
        ev.preventDefault();
        cb((ev as PromiseRejectionEvent).reason);
      });
      workerScope.addEventListener('error', (ev) => {
        ev.preventDefault();
        const err = ev as ErrorEvent;
        cb(err.error ?? new Error(err.message));
      });
    },
  }).then(() => setTimeout(() => (self as unknown as { close(): void }).close(), 100));
};
