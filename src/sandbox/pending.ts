/**
 * "Nothing left to wait for": what a cell has started that can still settle its main promise — timers, requests,
 * toThread jobs, the slow API's queue, the loop's own scheduled callbacks. When the cell is awaiting and all of
 * these are done, nothing can ever resume it (`await new Promise(() => {})`, two tasks awaiting each other), and the
 * run ends at once instead of spinning until the time limit, like Node's "unsettled top-level await".
 *
 * Only sources the runtime can see are counted. A cell that touches anything else that could call it back (a
 * Worker, a WebSocket, an async XMLHttpRequest, event listeners) is never judged stuck: a real wait must never be
 * cut short, so such a cell keeps the time limit as its only backstop.
 */

/** Names in a cell's code that may call it back through channels the runtime does not count. */
const UNCOUNTED = /\b(XMLHttpRequest|Worker|SharedWorker|WebSocket|EventSource|MessageChannel|BroadcastChannel|indexedDB|caches|addEventListener|onmessage|process|require|setImmediate|Atomics|import\s*\()/;

export function hasUncountedSources(js: string): boolean {
  return UNCOUNTED.test(js);
}

/** The global the cell's start signal calls: the module's body has begun (it was loading until then). */
export const START_SIGNAL_GLOBAL = '__kowakunaiEvaluating';

/**
 * The compiled cell plus a start signal. A static import is evaluated before the module's own body wherever it
 * stands, so it goes on a new last line: no line or column of the cell moves and its source map still holds.
 */
export function withStartSignal(js: string): string {
  const signal = `globalThis.${START_SIGNAL_GLOBAL}?.()`;
  return `${js}\nimport "data:text/javascript,${encodeURIComponent(signal)}";\n`;
}

export class PendingWork {
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** One more thing that may settle something; call the returned function (once is enough) when it is over. */
  hold(): () => void {
    this.n++;
    let held = true;
    return () => {
      if (held) {
        held = false;
        this.n--;
      }
    };
  }

  track<T>(p: Promise<T>): Promise<T> {
    const release = this.hold();
    p.then(release, release);
    return p;
  }
}

export class NothingLeftToWaitFor extends Error {
  constructor(example = 'await new Promise(() => {})') {
    super(
      `Nothing left to wait for: the cell awaits something that nothing can settle — no timer, request, thread or slow-API call is pending (like \`${example}\`)`,
    );
    this.name = 'NothingLeftToWaitFor';
  }
}

type Timer = (cb: () => void, ms: number) => unknown;

/**
 * Rejects when the cell's module is evaluating (or done loading) and nothing is pending on two checks in a row.
 * Checks run in their own macrotasks, so every microtask (a promise chain still unwinding) has run before each.
 */
export function watchForNothingLeft(
  pending: PendingWork,
  started: () => boolean,
  setTimer: Timer,
  clearTimer: (h: unknown) => void,
  example?: string,
  everyMs = 50,
): { stuck: Promise<never>; stop(): void } {
  let handle: unknown = null;
  let idleChecks = 0;
  let stopped = false;
  const stuck = new Promise<never>((_, reject) => {
    const check = (): void => {
      if (stopped) return;
      idleChecks = started() && pending.size === 0 ? idleChecks + 1 : 0;
      if (idleChecks >= 2) return reject(new NothingLeftToWaitFor(example));
      handle = setTimer(check, everyMs);
    };
    handle = setTimer(check, everyMs);
  });
  stuck.catch(() => undefined);
  return {
    stuck,
    stop: () => {
      stopped = true;
      if (handle !== null) clearTimer(handle);
    },
  };
}
