/**
 * The page's side of the sandbox: ONE hidden `<iframe sandbox="allow-scripts">` (opaque origin: cell
 * code cannot touch the deck's DOM, cookies or storage), created on the first run, spoken to with
 * HostToSandbox / SandboxToHost messages and shared by every cell of the page (runs are told apart
 * by runId).
 *
 * The sandbox enforces time limits and stops runs itself. The host keeps backstops only for a frame
 * that stops answering (it never should: cell code runs in workers inside it), so a cell can never
 * stay "running" forever.
 */
import type { CellResult, HostToSandbox, RunProgress, RunRequest, SandboxToHost } from '../../shared/types.js';
import { packagesOf } from '../../shared/cell-compile.js';
import { packagesFor } from './packages.js';

export interface RunHandlers {
  onStarted(): void;
  onProgress(progress: RunProgress): void;
  onEnded(result: CellResult): void;
  /** the frame did not answer: the cell ends the run itself with what it has */
  onLost(status: 'timeout' | 'stopped' | 'error', message: string): void;
}

export interface RunHandle {
  runId: string;
  stop(): void;
}

export type RunOptions = Omit<RunRequest, 'type' | 'runId'>;

/** Time the frame gets to say 'ready' after it loaded before messages are sent anyway. */
const READY_GRACE_MS = 3000;
/** Time the frame gets to load at all. */
const LOAD_TIMEOUT_MS = 20_000;
/** Beyond the time limit, how long to wait for the sandbox's own 'ended' before giving up on it. */
const LIMIT_BACKSTOP_MS = 5000;
/** A Python run starts after Pyodide has loaded (the frame allows it 120 s): the backstop allows for that too. */
const PYTHON_LOAD_MS = 125_000;
/** After Stop, how long to wait for 'ended'. */
const STOP_BACKSTOP_MS = 3000;
/**
 * While runs are active the frame is pinged; its own thread is always free (cells run in workers), so
 * silence this long means its process died — a cell that exhausted memory takes the sandbox's process
 * down (Chromium isolates sandboxed frames), never the deck's.
 */
const PING_EVERY_MS = 1000;
const SILENCE_LIMIT_MS = 4000;

interface ActiveRun {
  handlers: RunHandlers;
  timer: ReturnType<typeof setTimeout> | undefined;
}

let runCounter = 0;

export class SandboxHost {
  private frame: HTMLIFrameElement | undefined;
  private ready = false;
  private queue: HostToSandbox[] = [];
  private runs = new Map<string, ActiveRun>();
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;

  constructor(private readonly src: string | { srcdoc: string }) {
    window.addEventListener('message', this.onMessage);
  }

  run(options: RunOptions, handlers: RunHandlers): RunHandle {
    const runId = `r${Date.now().toString(36)}-${++runCounter}`;
    const run: ActiveRun = { handlers, timer: undefined };
    this.runs.set(runId, run);
    const load = (this.ready ? 0 : LOAD_TIMEOUT_MS) + (options.lang === 'python' ? PYTHON_LOAD_MS : 0);
    this.arm(runId, options.timeLimitMs + LIMIT_BACKSTOP_MS + load, 'timeout');
    // a cell that imports npm packages goes once their bundles are here; a stop meanwhile follows the run
    const sent =
      options.lang === 'python' || options.packages || packagesOf(options.js).length === 0
        ? Promise.resolve(this.send({ type: 'run', runId, ...options }))
        : packagesFor(options.js).then(
            (packages) => {
              if (this.runs.get(runId) === run) this.send({ type: 'run', runId, ...options, ...(packages ? { packages } : {}) });
            },
            (e: unknown) => {
              if (this.runs.get(runId) !== run) return;
              clearTimeout(run.timer);
              this.runs.delete(runId);
              handlers.onLost('error', e instanceof Error ? e.message : String(e));
            },
          );
    this.watch();
    return {
      runId,
      stop: () => {
        void sent.then(() => {
          if (!this.runs.has(runId)) return;
          this.send({ type: 'stop', runId });
          this.arm(runId, STOP_BACKSTOP_MS, 'stopped');
        });
      },
    };
  }

  /** Loads a runtime in the sandbox before the first run asks for it (creates the frame if need be). */
  prepare(lang: 'python', threads = 0): void {
    this.send(threads > 0 ? { type: 'prepare', lang, threads } : { type: 'prepare', lang });
  }

  /** The frame exists (for tests and for the speaker-view guarantee). */
  get created(): boolean {
    return this.frame !== undefined;
  }

  private send(message: HostToSandbox): void {
    this.ensureFrame();
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    // The frame's origin is opaque ("null"), so no target origin can name it: '*' is the only choice.
    // Nothing secret is sent — only the cell's code and the deck's URL.
    this.frame!.contentWindow?.postMessage(message, '*');
  }

  private ensureFrame(): void {
    if (this.frame) return;
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'kowakunai cell sandbox';
    frame.className = 'k-sandbox-frame';
    // Not display:none — Chrome throttles timers in hidden cross-origin frames; a 1-px transparent
    // frame is "visible" to the browser and invisible to people.
    frame.style.cssText =
      'position:fixed;left:0;bottom:0;width:1px;height:1px;border:0;opacity:0;pointer-events:none;z-index:-1';
    frame.addEventListener('load', () => {
      // Normally the frame says 'ready'; if it does not, try anyway rather than hang.
      setTimeout(() => this.frame === frame && this.markReady(), READY_GRACE_MS);
    });
    if (typeof this.src === 'string') frame.src = this.src;
    else frame.srcdoc = this.src.srcdoc;
    this.loadTimer = setTimeout(() => {
      if (!this.ready && this.frame === frame) this.fail('error', 'the sandbox frame did not load');
    }, LOAD_TIMEOUT_MS);
    document.body.appendChild(frame);
    this.frame = frame;
  }

  private markReady(): void {
    if (this.ready || !this.frame) return;
    this.ready = true;
    clearTimeout(this.loadTimer);
    const queued = this.queue;
    this.queue = [];
    for (const m of queued) this.frame.contentWindow?.postMessage(m, '*');
  }

  /** Pings the frame while runs are active; a frame that falls silent is given up on. */
  private watch(): void {
    if (this.pinger) return;
    this.lastHeard = performance.now();
    this.pinger = setInterval(() => {
      if (this.runs.size === 0) {
        clearInterval(this.pinger);
        this.pinger = undefined;
        return;
      }
      if (!this.ready || !this.frame) {
        this.lastHeard = performance.now(); // still loading: the load timeout covers that
        return;
      }
      if (performance.now() - this.lastHeard > SILENCE_LIMIT_MS) {
        this.fail('error', 'the sandbox stopped answering — its process crashed, most likely out of memory');
        return;
      }
      this.frame.contentWindow?.postMessage({ type: 'ping' } satisfies HostToSandbox, '*');
    }, PING_EVERY_MS);
  }

  private onMessage = (event: MessageEvent): void => {
    // Only our own frame may talk to us; its origin is "null", so the source window is the check.
    if (!this.frame || event.source !== this.frame.contentWindow) return;
    const msg = event.data as SandboxToHost;
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    this.lastHeard = performance.now();
    if (msg.type === 'pong') return;
    if (msg.type === 'ready') return this.markReady();
    // A message about a run means the frame is alive, even if 'ready' was missed.
    this.markReady();
    const run = this.runs.get(msg.runId);
    if (!run) return;
    switch (msg.type) {
      case 'started':
        run.handlers.onStarted();
        break;
      case 'progress':
        run.handlers.onProgress(msg);
        break;
      case 'ended':
        clearTimeout(run.timer);
        this.runs.delete(msg.runId);
        run.handlers.onEnded(msg.result);
        break;
    }
  };

  private arm(runId: string, ms: number, status: 'timeout' | 'stopped'): void {
    const run = this.runs.get(runId);
    if (!run) return;
    clearTimeout(run.timer);
    run.timer = setTimeout(() => {
      // The sandbox did not end the run in time: it is stuck. Throw the frame away (ending every
      // run in it); the next run gets a fresh one.
      this.fail(status, status === 'timeout' ? 'the sandbox did not answer' : 'the sandbox did not stop');
    }, ms);
  }

  private fail(status: 'timeout' | 'stopped' | 'error', message: string): void {
    const runs = [...this.runs.values()];
    this.runs.clear();
    this.queue = [];
    this.ready = false;
    clearTimeout(this.loadTimer);
    this.frame?.remove();
    this.frame = undefined;
    for (const run of runs) {
      clearTimeout(run.timer);
      run.handlers.onLost(status, message);
    }
  }
}
