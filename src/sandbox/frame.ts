/**
 * Script of the sandbox page (`<iframe sandbox="allow-scripts">`, origin null). Talks to the deck page with
 * HostToSandbox / SandboxToHost messages. Cell code never runs here: each run gets a fresh worker, so a runaway cell
 * (`while (true) {}`) can be terminated while the frame — and the page — stay responsive.
 */
import { PY_MAX_THREADS, type HostToSandbox, type RunRequest, type RunStatus, type SandboxToHost } from '../shared/types';
import { RunAccumulator } from './accumulate';

/** The cell worker's bundled source, inlined by src/node/pipeline/sandbox-bundle.ts. */
declare const __CELL_WORKER_JS__: string;
/** The Python cell worker (src/sandbox/python/py-worker.ts), an ES module, inlined the same way. */
declare const __PY_WORKER_JS__: string;

const STARTUP_TIMEOUT_MS = 15_000;
/** Pyodide is ~14 MB (≈4 MB compressed) and takes 2–4 s to start once downloaded: a slow link needs more. */
const PY_STARTUP_TIMEOUT_MS = 120_000;

interface Run {
  worker: Worker;
  acc: RunAccumulator;
  /** performance.now() when the worker said 'started' (its clock starts right after) */
  startedAt: number | null;
  timer: ReturnType<typeof setTimeout>;
  limitMs: number;
  replyTo: string;
  python: boolean;
  /** the Python run's thread workers (py-threads.ts): ended with the run, whatever ends it */
  threads: Worker[];
}

// Workers must come from blob: URLs (an opaque origin can load nothing by URL) and be classic:
// module workers from blob: URLs fail to start in a sandboxed iframe in Chromium.
const workerUrl = URL.createObjectURL(new Blob([__CELL_WORKER_JS__], { type: 'text/javascript' }));
const spawn = (): Worker => new Worker(workerUrl, { name: 'kowakunai cell' });
/** a fresh worker, already started, so a run begins without the worker's start-up time */
let spare: Worker | null = spawn();
const runs = new Map<string, Run>();
/** How long a finished cell worker is left to let its own toThread workers end before it is terminated. */
const NESTED_SHUTDOWN_MS = 1000;

function takeWorker(): Worker {
  const w = spare ?? spawn();
  spare = null;
  setTimeout(() => (spare ??= spawn()), 0);
  return w;
}

// Python: a MODULE worker (Pyodide refuses classic ones). From a blob: URL it would not start in this sandboxed
// frame; from a data: URL it does (checked in Chromium). It imports Pyodide from dist/assets/pyodide/ on the deck's
// host — cross-origin requests from this opaque origin, answered with Access-Control-Allow-Origin: * .
const pyWorkerUrl = 'data:text/javascript;charset=utf-8,' + encodeURIComponent(__PY_WORKER_JS__);
// resolved when Python first runs: in the single-file deck's srcdoc frame (about:srcdoc, no Python) it would throw
const pyodideUrl = (): string => new URL('pyodide/', location.href).href;
/** Starts loading Pyodide at once. Created on the first Python run, and again after each one ends (not before). */
let pySpare: Worker | null = null;
function spawnPython(): Worker {
  const w = new Worker(pyWorkerUrl, { type: 'module', name: 'kowakunai python cell' });
  w.postMessage({ type: 'load', indexURL: pyodideUrl() });
  return w;
}
function takePythonWorker(): Worker {
  const w = pySpare ?? spawnPython();
  pySpare = null;
  return w;
}
/**
 * Thread workers for Python runs that offload calls: the same worker with its own Pyodide, told to become a thread.
 * Spares load while the presenter talks when a nearby cell uses threads (a 'prepare' with `threads`), and again
 * after a run that used them; at most MAX_THREAD_SPARES wait, so memory stays bounded.
 */
const threadSpares: Worker[] = [];
let threadSparesWanted = 0;
const MAX_THREAD_SPARES = PY_MAX_THREADS;
function prepareThreads(n: number): void {
  threadSparesWanted = Math.min(MAX_THREAD_SPARES, Math.max(threadSparesWanted, n));
  while (threadSpares.length < threadSparesWanted) threadSpares.push(spawnPython());
}
function startThreads(runId: string, run: Run, n: number): MessagePort[] {
  const ports: MessagePort[] = [];
  for (let i = 0; i < n; i++) {
    const w = threadSpares.shift() ?? spawnPython();
    run.threads.push(w);
    // a thread that dies (Pyodide out of memory, say) would leave its call pending until the time limit
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      finish(runId, 'error', `a thread worker failed: ${e.message || 'no message'}`);
    };
    const channel = new MessageChannel();
    w.postMessage({ type: 'thread' }, [channel.port1]);
    ports.push(channel.port2);
  }
  return ports;
}
function endThreads(run: Run): void {
  for (const w of run.threads.splice(0)) w.terminate();
}

/** After a Python run: the next one starts without Pyodide's load time (loaded while the presenter talks). */
function preparePython(): void {
  setTimeout(() => {
    pySpare ??= spawnPython();
    prepareThreads(0);
  }, 0);
}

function reply(run: Run, msg: SandboxToHost): void {
  window.parent.postMessage(msg, run.replyTo);
}

/** Ends a run the worker did not end itself: kill it, answer with what it reported so far. */
function finish(runId: string, status: RunStatus, message?: string): void {
  const run = runs.get(runId);
  if (!run) return;
  runs.delete(runId);
  clearTimeout(run.timer);
  run.worker.terminate();
  endThreads(run);
  if (run.python) preparePython();
  const totalMs = run.startedAt === null ? 0 : Math.round((performance.now() - run.startedAt) * 10) / 10;
  reply(run, { type: 'ended', runId, result: run.acc.finalize(status, totalMs, message) });
}

function limitTimer(runId: string, ms: number): ReturnType<typeof setTimeout> {
  return setTimeout(() => finish(runId, 'timeout', `Stopped: the time limit of ${ms / 1000} s was reached`), ms);
}

function start(req: RunRequest, replyTo: string): void {
  const old = runs.get(req.runId);
  if (old) {
    // the same id again: the old run is silently replaced (an 'ended' now would read as the new run's end)
    clearTimeout(old.timer);
    old.worker.terminate();
    endThreads(old);
    runs.delete(req.runId);
  }
  const python = req.lang === 'python';
  const worker = python ? takePythonWorker() : takeWorker();
  const run: Run = {
    worker,
    acc: new RunAccumulator(),
    startedAt: null,
    // until 'started' (thread pre-warming, Pyodide's load), only a start-up allowance; the limit counts from the start
    timer: setTimeout(
      () => finish(req.runId, 'error', python ? 'Python (Pyodide) did not load' : 'the cell worker did not start'),
      python ? PY_STARTUP_TIMEOUT_MS : STARTUP_TIMEOUT_MS,
    ),
    limitMs: req.timeLimitMs,
    replyTo,
    python,
    threads: [],
  };
  runs.set(req.runId, run);
  worker.onmessage = (e: MessageEvent) => {
    const msg = e.data as SandboxToHost | { type: 'loaded' } | { type: 'threads'; n: number } | { type: 'threads-ready'; ms: number };
    if (runs.get(req.runId) !== run || msg.type === 'loaded' || msg.type === 'threads-ready') return;
    if (msg.type === 'threads') {
      // a Python run that offloads calls: its threads, started (or taken ready) here so that ending the run ends them
      const ports = startThreads(req.runId, run, Math.min(Math.max(0, Number(msg.n) || 0), MAX_THREAD_SPARES));
      threadSparesWanted = Math.max(threadSparesWanted, ports.length);
      worker.postMessage({ type: 'thread-ports' }, ports);
      return;
    }
    if (msg.type === 'started') {
      run.startedAt = performance.now();
      clearTimeout(run.timer);
      run.timer = limitTimer(req.runId, run.limitMs);
    }
    run.acc.apply(msg);
    if (msg.type === 'ended') {
      runs.delete(req.runId);
      clearTimeout(run.timer);
      // tasks left pending go with it. Not at once: the worker closes itself once its toThread workers are gone, and
      // a cell worker terminated while its nested workers are still shutting down stays alive in Chromium (the soak
      // test found one leaked worker per toThread run); this is the backstop
      setTimeout(() => worker.terminate(), NESTED_SHUTDOWN_MS);
      endThreads(run);
      if (python) preparePython();
    }
    reply(run, msg);
  };
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    finish(req.runId, 'error', e.message || 'the cell worker failed');
  };
  worker.postMessage(req);
}

window.addEventListener('message', (e: MessageEvent) => {
  if (e.source !== window.parent) return;
  const msg = e.data as HostToSandbox;
  if (!msg || typeof msg !== 'object') return;
  // the page's origin is the only one that gets results; a file:// page has the opaque origin "null"
  const replyTo = e.origin && e.origin !== 'null' ? e.origin : '*';
  if (msg.type === 'run' && typeof msg.runId === 'string' && typeof msg.js === 'string') start(msg, replyTo);
  else if (msg.type === 'stop' && typeof msg.runId === 'string') finish(msg.runId, 'stopped');
  else if (msg.type === 'ping') window.parent.postMessage({ type: 'pong' } satisfies SandboxToHost, replyTo);
  // a Python cell is near (src/page/python-prefetch.ts): at once, so a Run queued behind it takes this worker
  else if (msg.type === 'prepare' && msg.lang === 'python') {
    pySpare ??= spawnPython();
    if (msg.threads) prepareThreads(msg.threads);
  }
});

window.parent.postMessage({ type: 'ready' } satisfies SandboxToHost, '*');
