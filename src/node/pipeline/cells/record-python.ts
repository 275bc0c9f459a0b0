/**
 * Records Python cells at build time. Pyodide's asyncio.run needs the browser's stack switching (it fails in
 * Node 20), so each cell runs in headless Chromium, in the same Python worker the deck uses (py-worker.ts), served
 * from a throwaway localhost server with Pyodide's files and a real slow API.
 *
 * Results are cached in .cache/cells/ like TypeScript cells, keyed by the source, Pyodide's version and the
 * runtime's Python files. One browser per build, launched only when an uncached Python cell exists; decks built in
 * parallel share it (and share identical cells). Cells run one at a time: they measure seconds on 2 cores.
 * No browser (or no playwright-core): the build goes on, the cell is "not recorded" and a warning names it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { InFlight, RecordingCache, RunClock } from './recorder-core';
import { createSlowApi } from '../../server/slow-api';
import { DEFAULT_TIME_LIMIT_MS, PY_MAX_THREADS, type CellResult, type RunRequest, type SandboxToHost } from '../../../shared/types';
import { PYODIDE_FILES, pyodideDir, pyodideLock, pyodideVersion } from '../pyodide-assets';
import { buildPythonWorkerJs } from '../sandbox-bundle';
import { cacheDir as defaultCacheDir, PACKAGED, prebuilt } from '../../paths.js';
import { findBrowser, launchBrowser } from '../../pdf/browser.js';

/** Bump when the Python recording changes meaning: older cache entries are then ignored. */
export const RECORDING_FORMAT = 1;
const STARTUP_TIMEOUT_MS = 120_000;
const RUNTIME_DIR = fileURLToPath(new URL('../../../sandbox/python/', import.meta.url));

export interface PythonCellToRecord {
  id: string;
  source: string;
  timeLimitMs?: number;
}

export interface RecordPythonOptions {
  /** default .cache/cells */
  cacheDir?: string;
  /** one line per cell that could not be recorded (default: console.warn) */
  warn?: (line: string) => void;
  /** a cell's result is in (from the cache or a run) */
  onResult?: (id: string) => void;
}

/** The runtime's own Python files and Pyodide's version take part in the key: a change re-records. */
let runtimeKey: string | undefined;
export function pythonCellHash(source: string): string {
  runtimeKey ??= [
    `format ${RECORDING_FORMAT}`,
    `pyodide ${pyodideVersion()}`,
    // installed, the runtime's sources are not there: the worker bundled from them stands for them
    ...(PACKAGED
      ? [readFileSync(prebuilt('py-worker.js'), 'utf8')]
      : readdirSync(RUNTIME_DIR)
          .filter((f) => /\.(py|ts)$/.test(f))
          .sort()
          .map((f) => `${f}\n${readFileSync(path.join(RUNTIME_DIR, f), 'utf8')}`)),
  ].join('\n');
  return createHash('sha256').update('python\0').update(runtimeKey).update('\0').update(source).digest('hex');
}


interface Job {
  key: string;
  source: string;
  limitMs: number;
  resolve(result: CellResult | null): void;
}

// ---- one recording session per build: a queue drained by one browser ----

const inflight = new InFlight<CellResult | null>();
const queue: Job[] = [];
let draining: Promise<void> | null = null;
/** why the last session could not record (shown in the warnings) */
let unavailable = '';

export async function recordPythonCells(cells: PythonCellToRecord[], opts: RecordPythonOptions = {}): Promise<Map<string, CellResult>> {
  const cache = new RecordingCache(path.resolve(opts.cacheDir ?? path.join(defaultCacheDir(), 'cells')), RECORDING_FORMAT);
  const warn = opts.warn ?? ((line: string) => console.warn(line));
  const results = new Map<string, CellResult>();
  await Promise.all(
    cells.map(async (cell) => {
      const key = pythonCellHash(cell.source);
      const result = await inflight.share(key, async () => (await cache.read(key)) ?? enqueue(key, cell.source, cell.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS, cache));
      opts.onResult?.(cell.id);
      if (result) results.set(cell.id, result);
      else warn(`warning: Python cell "${cell.id}" not recorded: ${unavailable || 'the recording failed'}`);
    }),
  );
  return results;
}

function enqueue(key: string, source: string, limitMs: number, cache: RecordingCache): Promise<CellResult | null> {
  return new Promise<CellResult | null>((resolve) => {
    queue.push({ key, source, limitMs, resolve });
    draining ??= drain().finally(() => (draining = null));
  }).then(async (result) => {
    if (result) await cache.keep(key, result);
    return result;
  });
}

async function drain(): Promise<void> {
  await Promise.resolve(); // let the decks built in parallel queue their cells first
  let session: Session | null = null;
  try {
    session = await openSession();
    unavailable = '';
  } catch (e) {
    unavailable = e instanceof Error ? e.message : String(e);
  }
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (!session) {
        job.resolve(null);
        continue;
      }
      const result = await session.run(job.source, job.limitMs).catch((e: unknown) => {
        unavailable = `the browser failed: ${e instanceof Error ? e.message : String(e)}`;
        return null;
      });
      job.resolve(result);
    }
  } finally {
    await session?.close();
  }
}

interface Session {
  run(source: string, limitMs: number): Promise<CellResult>;
  close(): Promise<void>;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>kowakunai: recording Python cells</title><script>
// as the sandbox frame does (src/sandbox/frame.ts): a run that offloads calls asks for thread workers, each the same
// Python worker told to become a thread; they end with the run
window.__threads = [];
const spawn = (indexURL) => {
  const w = new Worker('/py-worker.js', { type: 'module', name: 'kowakunai python cell' });
  w.postMessage({ type: 'load', indexURL });
  return w;
};
window.__stop = () => {
  window.__worker?.terminate();
  for (const t of window.__threads.splice(0)) t.terminate();
};
window.__start = (indexURL, req) => {
  const w = spawn(indexURL);
  window.__worker = w;
  w.onmessage = (e) => {
    if (e.data?.type !== 'threads') return window.__msg(e.data);
    const ports = [];
    for (let i = 0; i < Math.min(${PY_MAX_THREADS}, Number(e.data.n) || 0); i++) {
      const t = spawn(indexURL);
      window.__threads.push(t);
      const ch = new MessageChannel();
      t.postMessage({ type: 'thread' }, [ch.port1]);
      ports.push(ch.port2);
    }
    w.postMessage({ type: 'thread-ports' }, ports);
  };
  w.onerror = (e) => { e.preventDefault(); window.__msg({ type: 'failed', message: e.message || 'the Python worker failed' }); };
  w.postMessage(req);
};
</script>`;

async function openSession(): Promise<Session> {
  let executablePath: string;
  try {
    executablePath = findBrowser().path;
  } catch {
    throw new Error('no Chromium found (install chromium or set CHROME_PATH)');
  }
  const workerJs = await buildPythonWorkerJs(false);
  const server = await serve(workerJs);
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  let browser: Browser;
  try {
    browser = await launchBrowser(executablePath);
  } catch (e) {
    server.close();
    throw e;
  }
  const page = await browser.newPage();
  let onMessage: (msg: SandboxToHost | { type: 'failed'; message: string } | { type: 'loaded' } | { type: 'threads-ready' }) => void = () => {};
  await page.exposeFunction('__msg', (msg: never) => onMessage(msg));
  await page.goto(origin);
  let seq = 0;
  return {
    run: (source, limitMs) =>
      new Promise<CellResult>((resolve) => {
        const clock = new RunClock(limitMs, STARTUP_TIMEOUT_MS, 'Python (Pyodide) did not load', (result) => {
          onMessage = () => {};
          void page.evaluate(() => (window as unknown as { __stop(): void }).__stop()).catch(() => undefined);
          resolve(result);
        });
        onMessage = (msg) => {
          if (msg.type === 'failed') return clock.fail(msg.message);
          if (msg.type === 'loaded' || msg.type === 'threads-ready') return;
          clock.acc.apply(msg);
          if (msg.type === 'started') clock.started();
          else if (msg.type === 'ended') clock.finish(msg.result);
        };
        const req: RunRequest = { type: 'run', runId: `rec-${++seq}`, js: source, timeLimitMs: limitMs, baseUrl: origin, emulateSlowApi: false, lang: 'python' };
        page.evaluate(([indexURL, r]) => (window as unknown as { __start(i: string, r: unknown): void }).__start(indexURL, r), [`${origin}pyodide/`, req] as const).catch(
          (e: unknown) => clock.finish(clock.acc.finalize('error', 0, `the recording page failed: ${String(e)}`)),
        );
      }),
    close: async () => {
      await browser.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The recording page, the worker, Pyodide's files (with the package-less lock) and the slow API. */
async function serve(workerJs: string): Promise<Server> {
  const slowApi = createSlowApi();
  const dir = pyodideDir();
  const lock = pyodideLock();
  const server = createServer((req, res) => {
    if (slowApi.handle(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const name = url.pathname.replace(/^\/pyodide\//, '');
    if (url.pathname === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    if (url.pathname === '/py-worker.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(workerJs);
    if (url.pathname === '/pyodide/pyodide-lock.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(lock);
    if (url.pathname.startsWith('/pyodide/') && (PYODIDE_FILES as readonly string[]).includes(name)) {
      const type = name.endsWith('.wasm') ? 'application/wasm' : name.endsWith('.mjs') ? 'text/javascript' : 'application/octet-stream';
      return void readFile(path.join(dir, name)).then((body) => res.writeHead(200, { 'Content-Type': type }).end(body));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

/** A Python cell the build could not record says so where a recorded run would show its status. */
export function markNotRecorded(cellHtml: string, locale: string): string {
  const words = locale === 'ja' ? '未記録（ビルド時にブラウザーなし）' : 'not recorded (no browser at build time)';
  return cellHtml
    .replace('<live-cell ', '<live-cell data-recorded="none" ')
    .replace('<span class="k-cell-status" data-role="status" role="status"></span>', `<span class="k-cell-status" data-role="status" role="status">${words}</span>`);
}
