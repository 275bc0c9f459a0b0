/**
 * A truly blocking GET for Node threads (blockingGet at build time). Node has no synchronous HTTP client, so a helper
 * thread does the fetch while the caller sleeps in Atomics.wait; the answer is then read synchronously from a
 * MessagePort (receiveMessageOnPort). The caller's event loop does nothing meanwhile — exactly like a blocking call.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** CommonJS, evaluated as the helper thread's script. */
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, flag } = workerData;
port.on('message', async (url) => {
  let reply;
  try {
    const res = await fetch(url);
    reply = { status: res.status, body: await res.text() };
  } catch (e) {
    reply = { error: String((e && e.cause && e.cause.message) || (e && e.message) || e) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/** A request that never answers still ends (the run's time limit usually comes first). */
const BLOCKING_GET_TIMEOUT_MS = 120_000;

type Reply = { status: number; body: string } | { error: string };

export function createBlockingFetcher(): (url: string) => string {
  let helper: { port: MessagePort; flag: Int32Array } | null = null;
  return (url) => {
    if (!helper) {
      const { port1, port2 } = new MessageChannel();
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { port: port2, flag }, transferList: [port2] });
      worker.unref(); // never keeps a process alive
      port1.unref();
      helper = { port: port1, flag };
    }
    Atomics.store(helper.flag, 0, 0);
    helper.port.postMessage(url);
    if (Atomics.wait(helper.flag, 0, 0, BLOCKING_GET_TIMEOUT_MS) === 'timed-out') {
      throw new Error(`blockingGet ${url}: no answer in ${BLOCKING_GET_TIMEOUT_MS / 1000} s`);
    }
    const reply = receiveMessageOnPort(helper.port)?.message as Reply | undefined;
    if (!reply) throw new Error(`blockingGet ${url}: no reply from the fetch thread`);
    if ('error' in reply) throw new Error(`blockingGet ${url}: ${reply.error}`);
    if (reply.status >= 400) throw new Error(`blockingGet ${url}: HTTP ${reply.status}`);
    return reply.body;
  };
}
