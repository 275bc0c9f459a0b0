/**
 * The cell API wired up in the test process itself (Node platform, real pool threads), without the globals a real
 * run patches (console, timers) — for unit tests of cell-api and recorder.
 */
import { createNodePlatform } from '../../src/node/pipeline/cells/node-platform';
import { ensureNodeRuntime } from '../../src/node/pipeline/cells/node-runtime';
import { createCellApi, runStartEpoch, type CellApi } from '../../src/sandbox/cell-api';
import { Recorder, type ProgressBatch } from '../../src/sandbox/recorder';
import { SlowApiEmulator, createEmulationState } from '../../src/sandbox/slow-api-emulation';
import { ThreadPool } from '../../src/sandbox/thread-pool';

export interface TestRuntime {
  api: CellApi;
  rec: Recorder;
  batches: ProgressBatch[];
  /** ms since start */
  elapsed(): number;
  finish(): ReturnType<Recorder['finish']>;
}

export async function startTestRuntime(opts: { baseUrl?: string; emulateSlowApi?: boolean; prewarmThreads?: number } = {}): Promise<TestRuntime> {
  const { poolWorkerFile } = await ensureNodeRuntime();
  const platform = createNodePlatform({ poolWorkerFile });
  const batches: ProgressBatch[] = [];
  const rec = new Recorder({ clock: () => performance.now(), onProgress: (b) => batches.push(b) });
  const baseUrl = opts.baseUrl ?? 'http://127.0.0.1:9/deck/index.html';
  const emulateSlowApi = opts.emulateSlowApi ?? true;
  const state = createEmulationState(true);
  let pool: ThreadPool | null = null;
  const getPool = (): ThreadPool =>
    (pool ??= new ThreadPool(
      () => platform.spawnThread(),
      platform.maxThreads,
      { type: 'init', baseUrl, emulateSlowApi, emulationState: state as SharedArrayBuffer },
      (line) => rec.print(line.text, line.stream, line.t - runStartEpoch(rec)),
    ));
  if (opts.prewarmThreads) await getPool().prewarm(opts.prewarmThreads);
  const { api } = createCellApi({
    platform,
    rec,
    baseUrl,
    emulateSlowApi,
    emulator: new SlowApiEmulator(state),
    setTimeout: (cb, ms) => setTimeout(cb, ms),
    pool: getPool,
  });
  rec.start();
  return {
    api,
    rec,
    batches,
    elapsed: () => rec.elapsed(),
    finish() {
      const result = rec.finish();
      (pool as ThreadPool | null)?.terminate();
      return result;
    },
  };
}
