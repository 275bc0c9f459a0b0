/**
 * Inside a pool thread (toThread): evaluates the job's function from its source text and runs it. The thread gets
 * its own globals — blockingSleep, blockingGet, print and a captured console — because a function that travels as
 * source text has no access to the cell's module scope. Shared by the browser pool worker and the Node one.
 */
import { formatArgs } from './format';
import { epochNow, resolveUrl, sleepSync, type FromPool, type PoolInit, type ToPool } from './platform';
import { SlowApiEmulator, createEmulationState, isSlowApiUrl } from './slow-api-emulation';

export interface ThreadIo {
  onMessage(cb: (msg: ToPool) => void): void;
  post(msg: FromPool): void;
  /** truly blocking GET of an absolute URL */
  blockingFetchText(url: string): string;
  /** get blockingFetchText ready (Node: start its fetch thread), so the first call costs no start-up */
  warmUp?(baseUrl: string): void;
}

function errorInfo(e: unknown): { name: string; message: string; stack?: string } {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}

export function startThreadRuntime(io: ThreadIo): void {
  let init: PoolInit | null = null;
  let emulator: SlowApiEmulator | null = null;
  const g = globalThis as Record<string, unknown>;
  const out = (stream: 'out' | 'err' | 'warn') => (...args: unknown[]) =>
    io.post({ type: 'output', t: epochNow(), text: formatArgs(args), stream });

  g.blockingSleep = (seconds: number): void => sleepSync(Math.max(0, Number(seconds) * 1000));
  g.blockingGet = (url: string): string => {
    if (!init) throw new Error('thread not initialised');
    const abs = resolveUrl(String(url), init.baseUrl);
    if (init.emulateSlowApi && isSlowApiUrl(abs)) {
      // Without shared memory the thread queues on its own copy of the emulated server (see slow-api-emulation).
      emulator ??= new SlowApiEmulator(init.emulationState ?? createEmulationState(false));
      return emulator.blockingFetchText(abs);
    }
    return io.blockingFetchText(abs.href);
  };
  g.print = out('out');
  const c = console as unknown as Record<string, unknown>;
  c.log = c.info = c.debug = out('out');
  c.warn = out('warn');
  c.error = out('err');

  io.onMessage((msg) => {
    if (msg.type === 'init') {
      init = msg;
      if (msg.warmBlockingGet) io.warmUp?.(msg.baseUrl);
      io.post({ type: 'ready' });
      return;
    }
    void runJob(msg.id, msg.fnSource, msg.args);
  });

  async function runJob(id: number, fnSource: string, args: unknown[]): Promise<void> {
    try {
      // Indirect eval: global scope, so the function sees the thread's globals and nothing of this module.
      const fn = (0, eval)(`(${fnSource})`) as unknown;
      if (typeof fn !== 'function') throw new TypeError('toThread: the source did not evaluate to a function');
      const value: unknown = await fn(...args);
      try {
        io.post({ type: 'done', id, ok: true, value });
      } catch (e) {
        io.post({ type: 'done', id, ok: false, error: errorInfo(new Error(`toThread: the result cannot be sent back (${errorInfo(e).message})`)) });
      }
    } catch (e) {
      io.post({ type: 'done', id, ok: false, error: errorInfo(e) });
    }
  }
}
