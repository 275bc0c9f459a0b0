/**
 * The Python cell worker: a MODULE worker (Pyodide refuses classic ones) that loads Pyodide from the deck's own
 * dist/assets/pyodide/ and runs one Python cell, then the frame terminates it (Stop and the time limit too).
 *
 * Messages in: `{ type: 'load', indexURL }` (sent as soon as the worker exists, so Pyodide loads while nobody
 * waits), then one RunRequest whose `js` field holds the Python source. Messages out: the usual RunStarted /
 * RunProgress / RunEnded, plus `{ type: 'loaded', ms }` for the bench. The clock starts after Pyodide is loaded:
 * the ~2–3 s of start-up are not the cell's time.
 */
import type { PyodideAPI } from 'pyodide';
import { SLOW_API_REFUSED_STATUS, SLOW_STEP_MS, type CellResult, type RunRequest, type SandboxToHost } from '../../shared/types';
import { displayUrl, epochNow, resolveUrl, sleepSync } from '../platform';
import { isSlowApiUrl, SlowApiEmulator } from '../slow-api-emulation';
import { capError, capText, MAX_RETURN_CHARS } from '../caps';
import { NothingLeftToWaitFor, PendingWork, watchForNothingLeft } from '../pending';
import { CELL_FILENAME, pythonError, threadTraceback } from './errors';
import { PyRecorder } from './py-recorder';
import httpxPy from './httpx.py';
import requestsPy from './requests.py';
import runtimePy from './runtime.py';
import threadsPy from './threads.py';
import poolPy from './pool.py';
import asgirefSyncPy from './asgiref_sync.py';
import { MAX_THREADS, serveThread, ThreadLinks, USES_THREADS, type FromThread, type ThreadInit } from './py-threads';

export interface PyLoad {
  type: 'load';
  /** absolute URL of dist/assets/pyodide/ */
  indexURL: string;
}
/** Become a thread of another Python worker's run (py-threads.ts): calls come through `port` (in e.ports). */
export interface PyBecomeThread {
  type: 'thread';
}
/** The ports to the threads this worker asked for, in e.ports. */
export interface PyThreadPorts {
  type: 'thread-ports';
}
export type ToPyWorker = PyLoad | RunRequest | PyBecomeThread | PyThreadPorts;
/**
 * Besides the run's messages: 'loaded' (Pyodide's load time), 'threads' (this run needs `n` thread workers: the host
 * starts them, answers with 'thread-ports' and terminates them with the run) and 'threads-ready' (their start-up, ms,
 * before the clock started).
 */
export type FromPyWorker = SandboxToHost | { type: 'loaded'; ms: number } | { type: 'threads'; n: number } | { type: 'threads-ready'; ms: number };

const MODULE_DIR = '/kowakunai';
/** Python that reaches JavaScript itself: what may resume it is not counted, so it is never judged stuck. */
const PY_UNCOUNTED = /\b(import\s+js|from\s+js\b|pyodide|pyfetch|create_proxy)\b/;

const scope = self as unknown as {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(msg: FromPyWorker): void;
};
const post = (msg: FromPyWorker): void => scope.postMessage(msg);

let loading: Promise<PyodideAPI> | null = null;

function load(indexURL: string): Promise<PyodideAPI> {
  loading ??= (async () => {
    const t0 = performance.now();
    // an absolute URL on the deck's host: this worker has an opaque origin and no base URL of its own
    const { loadPyodide } = (await import(/* @vite-ignore */ indexURL + 'pyodide.mjs')) as typeof import('pyodide');
    const py = await loadPyodide({ indexURL, packages: [], enableRunUntilComplete: true });
    post({ type: 'loaded', ms: Math.round(performance.now() - t0) });
    return py;
  })();
  return loading;
}

/** A GET that blocks the calling worker: the emulated slow API, or a synchronous XHR. */
function blockingGet(u: URL, emulator: SlowApiEmulator | null): { status: number; text: string } {
  if (emulator) return emulator.blockingFetch(u);
  // a query of its own: Chromium's HTTP cache lock otherwise lines up identical GETs from several thread workers (the
  // second waits for the first one's answer), and three threads would take three times one request
  const once = new URL(u.href);
  once.searchParams.set('_k', `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`);
  const xhr = new XMLHttpRequest();
  xhr.open('GET', once.href, false);
  xhr.send();
  if (xhr.status === 0) throw new Error(`requests.get ${u.href}: network error`);
  return { status: xhr.status, text: xhr.responseText };
}

interface Fetched {
  url: string;
  status: number;
  text: string;
}

/** The JavaScript side the Python runtime and stand-ins call (`import _kowakunai`). */
function bridge(req: RunRequest, rec: PyRecorder, pending: PendingWork, threads: ThreadLinks | null): Record<string, unknown> {
  const notes: string[] = [];
  // the loop's scheduled callbacks are indistinguishable: a stack of releases is enough to count them
  const scheduled: (() => void)[] = [];
  const emulator = new SlowApiEmulator();
  const target = (url: string): URL => resolveUrl(String(url), req.baseUrl);
  const emulated = (u: URL): boolean => req.emulateSlowApi && isSlowApiUrl(u);
  /** A refused request (429) is marked on the timeline of the task that sent it. */
  const refusal = (u: URL, reply: { status: number; text: string }, owner: number | null): { status: number; text: string } => {
    if (reply.status === SLOW_API_REFUSED_STATUS && owner !== null) rec.refused(owner, `GET ${displayUrl(u, req.baseUrl)}`);
    return reply;
  };
  return {
    SLOW_STEP_MS,
    CELL_FILENAME,
    MAX_THREADS,
    // a call for a thread (pool.py): counted as pending work, so a cell awaiting a thread is never judged stuck
    thread_submit: (pool: string, cap: number, data: string, label: string, answered: (ok: boolean, data: string, tb: string) => void) => {
      if (!threads) throw new Error("this run has no threads: they are started when the cell's code names to_thread, run_in_executor, ThreadPoolExecutor, sync_to_async or concurrent");
      const answer = threads.submit(String(pool), Number(cap), String(data), String(label)).then(
        (a) => answered(a.ok, a.data, a.tb),
        (e: unknown) => answered(false, '', `the thread failed: ${e instanceof Error ? e.message : String(e)}`),
      );
      return pending.track(answer);
    },
    print: (text: string, stream: 'out' | 'err' | 'warn') => rec.print(String(text), stream),
    task_start: (id: number, name: string) => rec.taskStart(id, String(name)),
    step: (id: number) => rec.step(id),
    wait: (id: number, on: string) => rec.wait(id, String(on)),
    task_end: (id: number) => rec.taskEnd(id),
    span_start: (id: number, name: string) => rec.spanStart(id, String(name)),
    span_end: (id: number) => rec.spanEnd(id),
    blocked: (ms: number, task: string, what: string) => rec.block(ms, String(task), String(what)),
    note: (what: string) => void notes.push(String(what)),
    take_notes: () => notes.splice(0).join('; '),
    sleep_sync: (ms: number) => sleepSync(ms),
    pending_add: () => void scheduled.push(pending.hold()),
    pending_done: () => scheduled.pop()?.(),
    // requests.get: a synchronous XHR blocks this thread for real
    get_blocking: (url: string): Fetched => {
      const u = target(url);
      return { url: displayUrl(u, req.baseUrl), ...refusal(u, blockingGet(u, emulated(u) ? emulator : null), rec.current) };
    },
    // httpx.AsyncClient().get: fetch, awaited by the task
    get_async: (url: string): Promise<Fetched> =>
      pending.track(
        (async () => {
          const u = target(url);
          const owner = rec.current; // the task whose step sends the request
          if (emulated(u)) return { url: displayUrl(u, req.baseUrl), ...refusal(u, await emulator.fetch(u, (cb, ms) => setTimeout(cb, ms)), owner) };
          // no-store: Chromium otherwise queues identical GETs behind each other (its HTTP cache lock)
          const res = await fetch(u.href, { cache: 'no-store' });
          return { url: displayUrl(u, req.baseUrl), ...refusal(u, { status: res.status, text: await res.text() }, owner) };
        })(),
      ),
  };
}

/** Writes kowakunai's Python files and imports the runtime (the loop's worker and every thread's). */
function installRuntime(py: PyodideAPI): void {
  py.FS.mkdirTree(`${MODULE_DIR}/asgiref`);
  py.FS.writeFile(`${MODULE_DIR}/_kowakunai_runtime.py`, runtimePy);
  py.FS.writeFile(`${MODULE_DIR}/_kowakunai_threads.py`, threadsPy);
  py.FS.writeFile(`${MODULE_DIR}/_kowakunai_pool.py`, poolPy);
  py.FS.writeFile(`${MODULE_DIR}/requests.py`, requestsPy);
  py.FS.writeFile(`${MODULE_DIR}/httpx.py`, httpxPy);
  py.FS.writeFile(`${MODULE_DIR}/asgiref/__init__.py`, '"""kowakunai\'s stand-in for asgiref: only asgiref.sync.sync_to_async."""\n');
  py.FS.writeFile(`${MODULE_DIR}/asgiref/sync.py`, asgirefSyncPy);
  py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(MODULE_DIR)})\nimport _kowakunai_runtime`);
}

/** Ports to thread workers, asked of the host (which starts them and ends them with the run). */
let portsArrived: ((ports: MessagePort[]) => void) | null = null;
function askForThreads(n: number): Promise<MessagePort[]> {
  return new Promise((resolve) => {
    portsArrived = resolve;
    post({ type: 'threads', n });
  });
}

async function run(req: RunRequest): Promise<void> {
  const rec = new PyRecorder(
    () => performance.now(),
    (batch) => post({ type: 'progress', runId: req.runId, ...batch }),
  );
  let py: PyodideAPI;
  const pending = new PendingWork();
  let threads: ThreadLinks | null = null;
  try {
    py = await (loading ?? Promise.reject(new Error('Pyodide was not asked to load')));
    if (USES_THREADS.test(req.js)) {
      // the threads load their Pyodides before the clock starts: their start-up is not the cell's time
      const t0 = performance.now();
      const ports = await askForThreads(MAX_THREADS);
      const init: ThreadInit = { type: 'init', source: req.js, baseUrl: req.baseUrl, emulateSlowApi: req.emulateSlowApi };
      threads = (await ThreadLinks.open(ports, init, rec, () => epochNow() - rec.elapsed())).links;
      post({ type: 'threads-ready', ms: Math.round(performance.now() - t0) });
    }
    py.registerJsModule('_kowakunai', bridge(req, rec, pending, threads));
    // whole lines, stamped when printed (Pyodide also captures stderr itself to format a PythonError)
    py.setStdout({ batched: (line) => rec.print(line, 'out') });
    py.setStderr({ batched: (line) => rec.print(line, 'err') });
    installRuntime(py);
  } catch (e) {
    post({ type: 'started', runId: req.runId });
    const result: CellResult = { status: 'error', ...rec.finish(), error: { message: `Python did not start: ${e instanceof Error ? e.message : String(e)}` } };
    post({ type: 'ended', runId: req.runId, result });
    return;
  }
  post({ type: 'started', runId: req.runId });
  rec.start();
  // Python code reaching JavaScript itself (import js, pyodide.ffi …) may be resumed by things not counted here
  const watcher = PY_UNCOUNTED.test(req.js)
    ? null
    : watchForNothingLeft(pending, () => true, (cb, ms) => setTimeout(cb, ms), (h) => clearTimeout(h as number), 'await asyncio.Future()');
  let result: CellResult;
  try {
    const value: unknown = await Promise.race([py.runPythonAsync(req.js, { filename: CELL_FILENAME }), watcher?.stuck ?? new Promise<never>(() => undefined)]);
    watcher?.stop();
    py.runPython('import sys; sys.stdout.flush(); sys.stderr.flush()');
    const parts = rec.finish();
    result = { status: 'done', ...parts };
    if (value !== undefined && value !== null) {
      const repr = (py.pyimport('builtins') as unknown as { repr(v: unknown): string }).repr;
      result.returnValue = capText(repr(value), MAX_RETURN_CHARS);
    }
  } catch (e) {
    watcher?.stop();
    if (e instanceof NothingLeftToWaitFor) {
      post({ type: 'ended', runId: req.runId, result: { status: 'error', ...rec.finish(), error: { message: e.message } } });
      return;
    }
    try {
      py.runPython('import sys; sys.stdout.flush(); sys.stderr.flush()');
    } catch {
      /* the output buffers are best effort */
    }
    // an exception from a thread: its own frames (where it was raised) are shown as CPython prints a chained one
    for (const line of threadTraceback(e instanceof Error ? e.message : String(e)) ?? []) rec.print(line, 'err');
    const error = capError(pythonError(e));
    // Pyodide's heap (wasm memory) could not grow: Python says MemoryError, the cell says what that means
    if (/^MemoryError\b/.test(error.message)) error.message = `out of memory: ${error.message}`;
    result = { status: 'error', ...rec.finish(), error };
  }
  threads?.close();
  post({ type: 'ended', runId: req.runId, result });
}

/** This worker is a thread of another worker's run: load Pyodide, then run the calls that come through `port`. */
async function becomeThread(port: MessagePort): Promise<void> {
  const t0 = performance.now();
  const py = await (loading ?? Promise.reject(new Error('Pyodide was not asked to load')));
  const loadMs = Math.round(performance.now() - t0);
  serveThread(py, port, loadMs, (init, postToLoop) => {
    const emulator = new SlowApiEmulator();
    py.registerJsModule('_kowakunai', threadBridge(init, emulator, postToLoop));
    py.setStdout({ batched: (line) => postToLoop({ type: 'print', text: line, stream: 'out' }) });
    py.setStderr({ batched: (line) => postToLoop({ type: 'print', text: line, stream: 'err' }) });
    installRuntime(py);
    py.globals.set('_kowakunai_source', init.source);
    py.runPython(
      'import _kowakunai_threads as _t, base64 as _b64\n' +
        `_t.setup_thread(_kowakunai_source, ${JSON.stringify(CELL_FILENAME)})\n` +
        'def _kowakunai_run_job(data):\n' +
        '    ok, out, tb = _t.run_job(_b64.b64decode(data))\n' +
        '    return ok, _b64.b64encode(out).decode(), tb\n',
    );
  });
}

/** The thread's `_kowakunai`: the same names the runtime uses, with loop events that never happen here as no-ops. */
function threadBridge(init: ThreadInit, emulator: SlowApiEmulator, postToLoop: (m: FromThread) => void): Record<string, unknown> {
  const noop = (): void => undefined;
  return {
    SLOW_STEP_MS,
    CELL_FILENAME,
    MAX_THREADS,
    print: (text: string, stream: 'out' | 'err' | 'warn') => postToLoop({ type: 'print', text: String(text), stream }),
    note: noop,
    take_notes: () => '',
    sleep_sync: (ms: number) => sleepSync(ms),
    get_blocking: (url: string): Fetched => {
      const u = resolveUrl(String(url), init.baseUrl);
      // without shared memory this thread queues on its own copy of the emulated server (as toThread's threads do)
      return { url: displayUrl(u, init.baseUrl), ...blockingGet(u, init.emulateSlowApi && isSlowApiUrl(u) ? emulator : null) };
    },
    thread_submit: () => {
      throw new Error('a thread cannot start threads of its own here');
    },
    task_start: noop, step: noop, wait: noop, task_end: noop, span_start: noop, span_end: noop, blocked: noop,
    pending_add: noop, pending_done: noop,
  };
}

scope.onmessage = (e: MessageEvent) => {
  const msg = e.data as ToPyWorker;
  if (msg?.type === 'load') void load(msg.indexURL).catch(() => undefined);
  else if (msg?.type === 'run') void run(msg);
  else if (msg?.type === 'thread-ports') portsArrived?.([...e.ports]);
  else if (msg?.type === 'thread' && e.ports[0]) void becomeThread(e.ports[0]);
};
