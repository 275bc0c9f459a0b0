/**
 * Runs one compiled cell from start to end, on any platform: installs the API as globalThis.__kowakunai, captures
 * console and timers, imports the module, and reports RunStarted / RunProgress / RunEnded through the host.
 * The browser worker (worker.ts) and the Node recorder's worker (src/build/cells/record-worker.ts) are thin hosts.
 */
import { CELL_API_GLOBAL } from '../shared/cell-compile';
import type { CellResult, OutputLine, RunRequest, RunStatus, SandboxToHost } from '../shared/types';
import { createCellApi, runStartEpoch } from './cell-api';
import { formatArgs, formatValue } from './format';
import { isThenable } from './future';
import type { Platform } from './platform';
import { Recorder } from './recorder';
import { SlowApiEmulator, createEmulationState } from './slow-api-emulation';
import { CellSourceMap } from './source-map';
import { ThreadPool } from './thread-pool';

export type RunFields = Omit<RunRequest, 'type'>;

export interface CellHost {
  platform: Platform;
  post(msg: SandboxToHost): void;
  /** the URL the compiled module is imported from, as stack traces show it */
  moduleUrl: string;
  importCell(): Promise<Record<string, unknown>>;
  /** subscribe to errors nothing caught: unhandled rejections, exceptions thrown in timer callbacks */
  onUncaught(cb: (err: unknown) => void): void;
}

/** Pool threads started before the clock starts when a cell uses toThread (a thread takes 10–60 ms to start). */
const PREWARM_THREADS = 4;
const PREWARM_TIMEOUT_MS = 3000;

type Timer = (cb: () => void, ms: number) => unknown;

function captureConsole(rec: Recorder): void {
  const c = console as unknown as Record<string, unknown>;
  const to = (stream: OutputLine['stream']) => (...args: unknown[]) => rec.print(formatArgs(args), stream);
  c.log = c.info = c.debug = to('out');
  c.warn = to('warn');
  c.error = to('err');
}

/** The cell's own timers resume the task that set them (the recorder's "current task"). */
function wrapTimers(rec: Recorder): void {
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = globalThis[name] as unknown as (cb: () => void, ms?: number) => unknown;
    g[name] = (cb: unknown, ms?: number, ...args: unknown[]) => {
      const owner = rec.current;
      return original(() => {
        if (owner) rec.enter(owner);
        if (typeof cb === 'function') (cb as (...a: unknown[]) => unknown)(...args);
      }, ms);
    };
  }
}

export async function runCell(req: RunFields, host: CellHost): Promise<CellResult> {
  const { platform } = host;
  const g = globalThis as unknown as Record<string, unknown>;
  const st = globalThis.setTimeout;
  const ct = globalThis.clearTimeout;
  const setTimer: Timer = (cb, ms) => st(cb, ms);

  const rec = new Recorder({
    clock: () => platform.now(),
    onProgress: (batch) => host.post({ type: 'progress', runId: req.runId, ...batch }),
    setTimeout: setTimer,
    clearTimeout: (h) => ct(h as Parameters<typeof clearTimeout>[0]),
  });
  const emulationState = createEmulationState(platform.canShareMemory);
  let pool: ThreadPool | null = null;
  const getPool = (): ThreadPool =>
    (pool ??= new ThreadPool(
      () => platform.spawnThread(),
      platform.maxThreads,
      {
        type: 'init',
        baseUrl: req.baseUrl,
        emulateSlowApi: req.emulateSlowApi,
        warmBlockingGet: /\bblockingGet\b/.test(req.js),
        emulationState: platform.canShareMemory ? (emulationState as SharedArrayBuffer) : undefined,
      },
      (line) => rec.print(line.text, line.stream, line.t - runStartEpoch(rec)),
    ));
  const runtime = createCellApi({
    platform,
    rec,
    baseUrl: req.baseUrl,
    emulateSlowApi: req.emulateSlowApi,
    emulator: new SlowApiEmulator(emulationState),
    setTimeout: setTimer,
    pool: getPool,
  });
  g[CELL_API_GLOBAL] = runtime.api;
  captureConsole(rec);
  wrapTimers(rec);

  // Start-up costs are paid before the clock starts. compileCell tree-shakes unused API names, so the names
  // found in the JS are the ones the cell uses.
  const warming: Promise<unknown>[] = [platform.prepare?.(req.js, req.baseUrl) ?? Promise.resolve()];
  if (/\btoThread\b/.test(req.js)) warming.push(getPool().prewarm(Math.min(PREWARM_THREADS, platform.maxThreads)));
  await Promise.race([
    Promise.all(warming).catch(() => undefined),
    new Promise((r) => setTimer(() => r(undefined), PREWARM_TIMEOUT_MS)),
  ]);

  const failed = new Promise<never>((_, reject) => host.onUncaught(reject));
  failed.catch(() => undefined); // a failure after the end is nobody's business
  const sourceMap = new CellSourceMap(req.js, host.moduleUrl);

  host.post({ type: 'started', runId: req.runId });
  let status: RunStatus = 'done';
  let returnValue: string | undefined;
  let error: CellResult['error'];
  rec.start(); // totalMs: from just before the import to the module's completion
  try {
    const mod = await Promise.race([host.importCell(), failed]);
    let value: unknown = mod.default;
    if (isThenable(value)) value = await Promise.race([value, failed]);
    if ('default' in mod && value !== undefined) returnValue = formatValue(value);
  } catch (e) {
    status = 'error';
    error = sourceMap.toCellError(e);
  }
  runtime.reportUnretrieved();
  const parts = rec.finish();
  (pool as ThreadPool | null)?.terminate();
  const result: CellResult = { status, ...parts };
  if (returnValue !== undefined) result.returnValue = returnValue;
  if (error) result.error = error;
  host.post({ type: 'ended', runId: req.runId, result });
  return result;
}
