/**
 * Runs one compiled cell from start to end, on any platform: installs the API as globalThis.__kowakunai, captures
 * console and timers, imports the module, and reports RunStarted / RunProgress / RunEnded through the host.
 * The browser worker (worker.ts) and the Node recorder's worker (src/node/pipeline/cells/record-worker.ts) are thin hosts.
 */
import { CELL_API_GLOBAL, CELL_PACKAGES_GLOBAL } from '../shared/cell-compile';
import type { CellResult, OutputLine, RunRequest, RunStatus, SandboxToHost } from '../shared/types';
import { createCellApi, runStartEpoch } from './cell-api';
import { capError, capText, MAX_RETURN_CHARS } from './caps';
import { formatArgs, formatValue } from './format';
import { isThenable } from './future';
import { installMemoryBudget } from './memory-budget';
import { hasUncountedSources, NothingLeftToWaitFor, PendingWork, START_SIGNAL_GLOBAL, watchForNothingLeft } from './pending';
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
  /** evaluates an npm package's bundle (an ES module's text) and gives its exports */
  importModule(code: string): Promise<Record<string, unknown>>;
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

/**
 * The cell's own timers resume the task that set them (the recorder's "current task"), and count as something that
 * may still settle the cell (a timeout until it fires or is cleared, an interval until it is cleared).
 */
function wrapTimers(rec: Recorder, pending: PendingWork): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const held = new Map<unknown, () => void>();
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const original = globalThis[name] as unknown as (cb: () => void, ms?: number) => unknown;
    g[name] = (cb: unknown, ms?: number, ...args: unknown[]) => {
      const owner = rec.current;
      const release = pending.hold();
      const key = { handle: undefined as unknown };
      const handle = original(() => {
        if (name === 'setTimeout') {
          release();
          held.delete(key.handle);
        }
        if (owner) rec.enter(owner);
        if (typeof cb === 'function') (cb as (...a: unknown[]) => unknown)(...args);
      }, ms);
      key.handle = typeof handle === 'object' && handle !== null ? handle : Number(handle);
      held.set(key.handle, release);
      return handle;
    };
  }
  for (const name of ['clearTimeout', 'clearInterval'] as const) {
    const original = globalThis[name] as unknown as (h: unknown) => void;
    g[name] = (h: unknown) => {
      const key = typeof h === 'object' && h !== null ? h : Number(h);
      held.get(key)?.();
      held.delete(key);
      original(h);
    };
  }
  // a request the cell makes itself, not through the API, may settle it too
  if (typeof globalThis.fetch === 'function') {
    const original = globalThis.fetch.bind(globalThis);
    g.fetch = (...args: Parameters<typeof fetch>) => pending.track(original(...args));
  }
}

/** Evaluates each package's bundle into globalThis.__kowakunaiPackages, where the compiled cell reads it. */
async function loadPackages(packages: Record<string, string>, host: CellHost): Promise<void> {
  const loaded: Record<string, unknown> = {};
  (globalThis as unknown as Record<string, unknown>)[CELL_PACKAGES_GLOBAL] = loaded;
  for (const [specifier, code] of Object.entries(packages)) {
    try {
      loaded[specifier] = (await host.importModule(code)).default;
    } catch (e) {
      throw new Error(`package '${specifier}' failed to load: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

export async function runCell(req: RunFields, host: CellHost): Promise<CellResult> {
  const { platform } = host;
  const g = globalThis as unknown as Record<string, unknown>;
  const st = globalThis.setTimeout;
  const ct = globalThis.clearTimeout;
  const setTimer: Timer = (cb, ms) => st(cb, ms);
  const pending = new PendingWork();
  /** the API's timers (sleep, the slow API's queue): each may resume the cell */
  const apiTimer: Timer = (cb, ms) => {
    const release = pending.hold();
    return st(() => {
      release();
      cb();
    }, ms);
  };
  let evaluating = false;

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
    setTimeout: apiTimer,
    pool: getPool,
    pending,
  });
  g[CELL_API_GLOBAL] = runtime.api;
  g[START_SIGNAL_GLOBAL] = () => void (evaluating = true);
  captureConsole(rec);
  wrapTimers(rec, pending);
  installMemoryBudget();

  // Start-up costs are paid before the clock starts. compileCell tree-shakes unused API names, so the names
  // found in the JS are the ones the cell uses.
  const warming: Promise<unknown>[] = [platform.prepare?.(req.js, req.baseUrl) ?? Promise.resolve()];
  // the cell's packages are evaluated before the clock starts, like an import of a real module graph
  const packages = loadPackages(req.packages ?? {}, host);
  if (/\btoThread\b/.test(req.js)) warming.push(getPool().prewarm(Math.min(PREWARM_THREADS, platform.maxThreads)));
  await Promise.race([
    Promise.all(warming).catch(() => undefined),
    new Promise((r) => setTimer(() => r(undefined), PREWARM_TIMEOUT_MS)),
  ]);

  const failed = new Promise<never>((_, reject) => host.onUncaught(reject));
  failed.catch(() => undefined); // a failure after the end is nobody's business
  const sourceMap = new CellSourceMap(req.js, host.moduleUrl);
  const packageFailure = await packages.then(
    () => null,
    (e: unknown) => e as Error,
  );

  host.post({ type: 'started', runId: req.runId });
  let status: RunStatus = 'done';
  let returnValue: string | undefined;
  let error: CellResult['error'];
  rec.start(); // totalMs: from just before the import to the module's completion
  const watcher = hasUncountedSources(req.js)
    ? null
    : watchForNothingLeft(pending, () => evaluating, setTimer, (h) => ct(h as Parameters<typeof clearTimeout>[0]));
  const stuck = watcher?.stuck ?? new Promise<never>(() => undefined);
  try {
    if (packageFailure) throw packageFailure;
    const mod = await Promise.race([host.importCell(), failed, stuck]);
    evaluating = true; // a host that could not add the start signal: the module has run by now
    let value: unknown = mod.default;
    if (isThenable(value)) value = await Promise.race([value, failed, stuck]);
    if ('default' in mod && value !== undefined) returnValue = capText(formatValue(value), MAX_RETURN_CHARS);
  } catch (e) {
    status = 'error';
    // not the cell's exception: no stack of ours to show, only what happened
    error = e instanceof NothingLeftToWaitFor ? { message: e.message } : capError(sourceMap.toCellError(e));
    // the engine's own refusal reads like a bug; say what it means
    if (/^RangeError: Array buffer allocation failed/.test(error.message)) error.message = `out of memory: ${error.message}`;
  }
  watcher?.stop();
  runtime.reportUnretrieved();
  const parts = rec.finish();
  (pool as ThreadPool | null)?.terminate();
  const result: CellResult = { status, ...parts };
  if (returnValue !== undefined) result.returnValue = returnValue;
  if (error) result.error = error;
  host.post({ type: 'ended', runId: req.runId, result });
  return result;
}
