/**
 * Entry of a worker thread serving the slow API while cells are recorded (bundled by node-runtime.ts). It runs in a
 * thread of its own so the answers keep time even while the build's main thread is busy (MDX, highlighting): a
 * server on a busy event loop would answer late, and the lateness would be recorded as the API's.
 * One server per recording slot, so concurrent recordings do not queue behind each other's requests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createSlowApi } from '../../server/slow-api';

export interface SlowApiThreadData {
  servers: number;
}
export type SlowApiThreadMessage = { type: 'listening'; baseUrls: string[] } | { type: 'error'; message: string };

const { servers } = workerData as SlowApiThreadData;
const port = parentPort!;

async function listen(): Promise<string> {
  const api = createSlowApi();
  const server = createServer((req, res) => {
    if (!api.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  // one request first: the server's lazily loaded parts are then loaded before any cell's clock runs
  await fetch(`${baseUrl}api/slow?delay=0`).then((r) => r.text());
  return baseUrl;
}

Promise.all(Array.from({ length: servers }, listen)).then(
  (baseUrls) => port.postMessage({ type: 'listening', baseUrls } satisfies SlowApiThreadMessage),
  (e: unknown) => port.postMessage({ type: 'error', message: String(e) } satisfies SlowApiThreadMessage),
);
