/**
 * Records each compiled cell once at build time, so a deck shows real results before anyone presses Run (and in the
 * PDF). A cell runs in a Node worker_thread with the same runtime as in the browser (src/sandbox), against a real
 * slow API on 127.0.0.1. Results are cached by the hash of the compiled JS: an unchanged cell is not run again.
 *
 * Cells run in parallel (they mostly sleep), but each concurrent run gets its own slow-API server: two demos sharing
 * one three-worker server would queue behind each other and record each other's delays.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { InFlight, RecordingCache, RunClock } from './recorder-core';
import { RunAccumulator } from '../../../sandbox/accumulate';
import { DEFAULT_TIME_LIMIT_MS, type CellResult, type SandboxToHost } from '../../../shared/types';
import { defaultCellCache, ensureNodeRuntime, type NodeRuntimeFiles } from './node-runtime';
import type { RecordWorkerData } from './record-worker';
import type { SlowApiThreadData, SlowApiThreadMessage } from './slow-api-thread';
import { withStartSignal } from '../../../sandbox/pending';

/** Bump when the recorder's output changes meaning: older cache entries are then ignored. */
export const RECORDING_FORMAT = 1;
const DEFAULT_CONCURRENCY = 4;
let fileSeq = 0;

export interface CellToRecord {
  id: string;
  js: string;
  /** the cell's own limit (`<Cell timeLimit>`), else opts.timeLimitMs */
  timeLimitMs?: number;
  /** the npm packages it imports: specifier → bundle (packages.ts) */
  packages?: Record<string, string>;
}

export interface RecordProgress {
  id: string;
  state: 'cached' | 'running' | 'recorded';
  result?: CellResult;
}

export interface RecordOptions {
  /** default .cache/cells (relative to the working directory) */
  cacheDir?: string;
  /** default DEFAULT_TIME_LIMIT_MS */
  timeLimitMs?: number;
  /** cells recorded at once, default 4 */
  concurrency?: number;
  onProgress?: (event: RecordProgress) => void;
}

export function cellHash(js: string): string {
  return createHash('sha256').update(js).digest('hex');
}

/**
 * The cache key of a recording: the cell's compiled JS and the runtime that ran it (its bundle's
 * content hash is in its file name), so a changed runtime or time limit records again.
 */
export async function cacheKey(js: string, cacheDir: string = defaultCellCache(), timeLimitMs?: number, packages: Record<string, string> = {}): Promise<string> {
  const runtime = await ensureNodeRuntime(path.resolve(cacheDir));
  // a package's new version records again; a cell without packages keeps the key it always had
  const pkgs = Object.keys(packages).sort().map((s) => `\0${s}\0${cellHash(packages[s]!)}`).join('');
  return cellHash(`${path.basename(runtime.recordWorkerFile)}\0${timeLimitMs ?? ''}\0${js}${pkgs}`);
}

/** The slow-API servers (one per recording slot) in a thread of their own; see slow-api-thread.ts. */
async function startSlowApiThread(runtime: NodeRuntimeFiles, servers: number): Promise<{ baseUrls: string[]; stop(): Promise<void> }> {
  const worker = new Worker(runtime.slowApiThreadFile, {
    workerData: { servers } satisfies SlowApiThreadData,
    name: 'kowakunai slow API',
  });
  const msg = await new Promise<SlowApiThreadMessage>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the slow API thread exited (code ${code})`)));
  });
  if (msg.type === 'error') {
    await worker.terminate();
    throw new Error(`the slow API did not start: ${msg.message}`);
  }
  return { baseUrls: msg.baseUrls, stop: () => worker.terminate().then(() => undefined) };
}

/**
 * Lets one run at a time go through start-up (thread boot, runtime load, warm-up, the cell's import): on two cores,
 * four threads booting at once would delay each other's first steps by tens of ms, and those ms land in the timings.
 */
class StartGate {
  private tail: Promise<void> = Promise.resolve();
  /** resolves when it is this run's turn, with the function that lets the next one go */
  enter(): Promise<() => void> {
    let open!: () => void;
    const turn = new Promise<void>((r) => (open = r));
    const mine = this.tail.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        // a little margin after 'started' for the cell's import and first synchronous steps
        setTimeout(open, START_MARGIN_MS);
      };
    });
    this.tail = this.tail.then(() => turn);
    return mine;
  }
}
const START_MARGIN_MS = 30;
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * One run in a fresh child process; never rejects — failures become results. A process, not a worker
 * thread: a cell that allocates without end makes V8 abort its whole process, and that must be the
 * recording's process, not the build's.
 */
function runInWorker(
  runtime: NodeRuntimeFiles,
  data: RecordWorkerData,
  limitMs: number,
  onStarted: () => void,
): Promise<CellResult> {
  return new Promise((resolve) => {
    const clock = new RunClock(limitMs, STARTUP_TIMEOUT_MS, 'the recording process did not start', (result) => {
      onStarted();
      child.kill('SIGKILL'); // pending tasks and pool threads go with it
      resolve(result);
    });
    const acc = clock.acc;
    const child = fork(runtime.recordWorkerFile, [], {
      // plain node: the runtime is bundled, and tsx's loader (in our own execArgv) is not needed there
      execArgv: ['--max-old-space-size=512'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    child.send(data);
    child.on('message', (msg: SandboxToHost) => {
      acc.apply(msg);
      if (msg.type === 'started') {
        onStarted();
        clock.started();
      } else if (msg.type === 'ended') {
        clock.finish(msg.result);
      }
    });
    child.on('error', (e) => clock.fail(`the recording process failed: ${e.message}`));
    child.on('exit', (code, signal) =>
      clock.fail(
        signal === 'SIGABRT' || code === 134 ? 'the cell ran out of memory (the recording process was aborted)' : `the recording process exited (${signal ?? `code ${code}`})`,
      ),
    );
  });
}

/**
 * Recordings under way in this process, by cache key. Decks are built in parallel and the two talk decks
 * share their cells: without this each deck recorded them again, at the same time, doubling the load
 * that the recorded times are measured under (the Python recorder shares its runs the same way).
 */
const inFlight = new InFlight<CellResult>();

export async function recordCells(cells: CellToRecord[], opts: RecordOptions = {}): Promise<Map<string, CellResult>> {
  const cacheDir = path.resolve(opts.cacheDir ?? defaultCellCache());
  const cache = new RecordingCache(cacheDir, RECORDING_FORMAT);
  const results = new Map<string, CellResult>();

  // identical cells (same compiled JS) are recorded once
  const byHash = new Map<string, CellToRecord[]>();
  for (const cell of cells) {
    const key = await cacheKey(cell.js, cacheDir, cell.timeLimitMs ?? opts.timeLimitMs, cell.packages);
    byHash.set(key, [...(byHash.get(key) ?? []), cell]);
  }
  const todo: { key: string; cells: CellToRecord[]; done: (r: CellResult) => void }[] = [];
  const elsewhere: { cells: CellToRecord[]; result: Promise<CellResult> }[] = [];
  for (const [key, group] of byHash) {
    const running = inFlight.get(key);
    if (running) {
      elsewhere.push({ cells: group, result: running });
      continue;
    }
    // claimed before the first await, so a deck built beside this one waits for us instead of recording too
    const { settle: done } = inFlight.claim(key);
    const cached = await cache.read(key);
    if (cached) {
      done(cached);
      for (const c of group) {
        results.set(c.id, cached);
        opts.onProgress?.({ id: c.id, state: 'cached', result: cached });
      }
    } else {
      todo.push({ key, cells: group, done });
    }
  }
  if (todo.length > 0) await recordJobs(todo, results, cache, opts);
  for (const { cells: group, result } of elsewhere) {
    const r = await result;
    for (const c of group) {
      results.set(c.id, r);
      opts.onProgress?.({ id: c.id, state: 'recorded', result: r });
    }
  }
  return results;
}

async function recordJobs(
  todo: { key: string; cells: CellToRecord[]; done: (r: CellResult) => void }[],
  results: Map<string, CellResult>,
  cache: RecordingCache,
  opts: RecordOptions,
): Promise<void> {
  const cacheDir = cache.dir;
  const runDir = path.join(cacheDir, 'run');
  await mkdir(runDir, { recursive: true });
  const runtime = await ensureNodeRuntime(cacheDir);
  const slots = Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, todo.length));
  const slowApi = await startSlowApiThread(runtime, slots);
  const gate = new StartGate();
  try {
    const slotWork = async (baseUrl: string): Promise<void> => {
      for (let job = todo.shift(); job; job = todo.shift()) {
        const first = job.cells[0]!;
        for (const c of job.cells) opts.onProgress?.({ id: c.id, state: 'running' });
        // unique per process: another build may record the same cell at the same time
        const cellFile = path.join(runDir, `${job.key.slice(0, 16)}-${process.pid}-${++fileSeq}.mjs`);
        await writeFile(cellFile, withStartSignal(first.js));
        const limitMs = first.timeLimitMs ?? opts.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
        const letNextStart = await gate.enter();
        const result = await runInWorker(
          runtime,
          {
            req: { runId: job.key, js: first.js, timeLimitMs: limitMs, baseUrl, emulateSlowApi: false, packages: first.packages },
            cellFile,
            poolWorkerFile: runtime.poolWorkerFile,
          },
          limitMs,
          letNextStart,
        );
        await rm(cellFile, { force: true });
        await cache.keep(job.key, result);
        job.done(result);
        for (const c of job.cells) {
          results.set(c.id, result);
          opts.onProgress?.({ id: c.id, state: 'recorded', result });
        }
      }
    };
    await Promise.all(slowApi.baseUrls.map(slotWork));
  } finally {
    await slowApi.stop();
    // jobs a failure left unrun end as errors for whoever waits on them too
    for (const job of todo) job.done(new RunAccumulator().finalize('error', 0, 'the recording did not run'));
  }
}
