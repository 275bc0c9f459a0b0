/**
 * The one module shared by the three worlds: Node (build, server), the page (deck client)
 * and the sandbox (cell runtime). Types and a few constants only — no code that needs a platform.
 */

/** Frontmatter a deck may declare; validated at build time. */
export interface DeckMeta {
  title: string;
  author?: string;
  event?: string;
  date?: string;
  lang: string;
  theme: 'light' | 'dark';
  description?: string;
  /** the talk's length in minutes: drives the speaker view's pacing timer */
  duration?: number;
  /** the deck's own stylesheet (frontmatter `theme: ./my.css` or a theme package), an absolute path at build */
  themeCss?: string;
  /** npm packages to bundle beside the deck though no cell imports them yet: edited cells may import them */
  packages?: string[];
  /** one package's gzipped size limit in KB (default 2048) */
  packageSizeLimit?: number;
  /** Pyodide packages its Python cells import (numpy …), copied from the installed Pyodide distribution */
  pyodide?: string[];
}

/** One line a cell printed, stamped with ms since the run started. */
export interface OutputLine {
  t: number;
  text: string;
  stream: 'out' | 'err' | 'warn';
}

/** A task (or the cell's main body) on the timeline. Times are ms since the run started. */
export interface TaskSpan {
  id: number;
  name: string;
  start: number;
  /** null while still running */
  end: number | null;
  /** Stretches in which the task was suspended at an await (sleep, fetch, gather, a thread …). */
  waits: { start: number; end: number | null; on: string }[];
  /**
   * Coroutines of the cell's own code the task awaited directly (Python: `await think_and_order(1)`), in order:
   * drawn nested in the task's row, so a chain of awaits shows as a staircase inside one task.
   */
  spans?: { start: number; end: number | null; name: string }[];
  /** Requests of this task the server refused at once (HTTP 429, the slow API's rate-limited mode). */
  refused?: { t: number; what: string }[];
}

/** A stretch in which the event loop was blocked (a blocking call, or a long synchronous step). */
export interface BlockedSpan {
  start: number;
  end: number;
  /** name of the task that was running */
  task: string;
  /** what blocked: 'blockingSleep', 'blockingGet /api/slow?delay=1000', 'sync code' … */
  what: string;
}

export type RunStatus = 'done' | 'error' | 'timeout' | 'stopped';

export interface CellError {
  message: string;
  /** position in the cell's own source (1-based line, 1-based column), when known */
  line?: number;
  column?: number;
  stack?: string;
}

/** Everything a finished (or recorded) run shows. */
export interface CellResult {
  status: RunStatus;
  totalMs: number;
  output: OutputLine[];
  /** lines dropped from `output` to keep it bounded (they were counted, not kept) */
  droppedLines: number;
  tasks: TaskSpan[];
  blocked: BlockedSpan[];
  /** String form of the cell's `export default` value, if it has one */
  returnValue?: string;
  error?: CellError;
  /** ISO date of a build-time recording */
  recordedAt?: string;
}

/**
 * The slow API the HTTP demos call: answers after `delay` ms, at most this many requests at once. The others wait
 * their turn; with `rate_limit=1` in the query they are refused at once with SLOW_API_REFUSED_STATUS instead.
 */
export const SLOW_API_PATH = 'api/slow';
export const SLOW_API_WORKERS = 3;
export const SLOW_API_REFUSED_STATUS = 429;
/** A blocked stretch longer than this is reported, like asyncio's debug mode (slow_callback_duration). */
export const SLOW_STEP_MS = 100;
export const DEFAULT_TIME_LIMIT_MS = 30_000;
/** Python threads (thread workers) per run: a Pyodide each, so a bound on memory; the talk needs three at once. */
export const PY_MAX_THREADS = 4;
/** A Python cell whose code names one of these may offload calls: its run gets thread workers, loaded before its clock. */
export const PY_USES_THREADS = /\b(to_thread|run_in_executor|ThreadPoolExecutor|sync_to_async|concurrent)\b/;
/** The module name cells import their API from. */
export const CELL_API_MODULE = 'kowakunai';
/** Output lines kept per run; the rest are counted in droppedLines. */
export const MAX_OUTPUT_LINES = 2000;

// ---- page ⇄ sandbox frame ⇄ cell worker protocol ----

/** What the runtime needs to run one cell. `js` is ESM produced by compileCell (src/shared/cell-compile.ts). */
export interface RunRequest {
  type: 'run';
  runId: string;
  js: string;
  timeLimitMs: number;
  /** absolute base URL for relative fetches in the cell (the deck's page URL) */
  baseUrl: string;
  /** true when the host serves no real slow API (static hosting): the runtime emulates it in-process */
  emulateSlowApi: boolean;
  /** the cell's language (default 'ts'); for 'python', `js` holds the Python source, run on Pyodide */
  lang?: CellLang;
  /** the npm packages the cell imports: specifier → the ES module the build bundled (its default export: the namespace) */
  packages?: Record<string, string>;
}

/** Languages a live cell can be written in. */
export type CellLang = 'ts' | 'python';
export interface StopRequest {
  type: 'stop';
  runId: string;
}
/** Liveness check while runs are active: a sandbox process that died (out of memory) answers nothing. */
export interface PingRequest {
  type: 'ping';
}
/** Start loading a runtime ahead of a run (Pyodide, when a Python cell is near): the next run takes it ready. */
export interface PrepareRequest {
  type: 'prepare';
  lang: 'python';
  /** the nearby cell offloads calls to threads: load this many thread workers too (Python threads, py-threads.ts) */
  threads?: number;
}
export type HostToSandbox = RunRequest | StopRequest | PingRequest | PrepareRequest;

/** Incremental progress, batched (at most ~20 per second). */
export interface RunProgress {
  type: 'progress';
  runId: string;
  /** ms since start, at the time of sending */
  now: number;
  output: OutputLine[];
  droppedLines: number;
  /** full current state of tasks that changed since the last batch */
  tasks: TaskSpan[];
  blocked: BlockedSpan[];
}
export interface RunStarted {
  type: 'started';
  runId: string;
}
export interface RunEnded {
  type: 'ended';
  runId: string;
  result: CellResult;
}
export type SandboxToHost = RunStarted | RunProgress | RunEnded | { type: 'ready' } | { type: 'pong' };

// ---- build → page: the data a rendered <live-cell> carries ----

/**
 * Everything the page needs about one cell, written by src/node/pipeline/cells/render-cell.ts into the cell's
 * `<script type="application/json" data-role="cell-data">` and read by src/page/cells.
 */
export interface CellPayload {
  id: string;
  deckId: string;
  title: string;
  /** language of the code ('ts') */
  lang: string;
  /** language of the UI words ('ja' | 'en' …) */
  locale: string;
  source: string;
  /** compiled at build time by compileCell: an unedited cell runs this and never needs esbuild-wasm */
  js: string;
  timeLimitMs: number;
  /** the run recorded at build time, shown until a live run */
  recorded: CellResult | null;
  /**
   * the compiled js's source map, as JSON (see withoutInlineSourceMap); put back on the js when it runs. A site's deck
   * page leaves it out of the payload (it is read only when a cell runs): the page fetches it from cell-maps.json,
   * by `mapId` (a version's own id) or the cell's id. The one-file deck keeps it here.
   */
  sourceMap?: object;
  mapId?: string;
  /** a cell with steps (a magic move of cells): the versions after the first, each recorded at build */
  versions?: CellVersion[];
}

/** One version of a cell with steps: what it runs and the run recorded for it. */
export interface CellVersion {
  /** the version's own id: names its recording and its saved edits (the cell keeps its id) */
  id: string;
  source: string;
  js: string;
  sourceMap?: object;
  recorded: CellResult | null;
}

/**
 * The payload as the build stores it. `source` is left out when it is the text of the cell's highlighted code
 * plus a final newline (nearly always): the page takes it from there, and the page's first bytes stay small.
 */
export type StoredCellPayload = Omit<CellPayload, 'source'> & { source?: string };
