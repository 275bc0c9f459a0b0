/** A run of a cell in progress, and its clock (split from live-cell.ts). */
import type { RunHandle } from './sandbox-host.js';

export interface ActiveRun {
  handle?: RunHandle;
  stopped: boolean;
  /** reset while running: the result no longer belongs on screen */
  discarded: boolean;
  t0: number;
  /** the latest time the sandbox reported (it may run ahead of this page's clock) */
  remoteNow: number;
  frame: number;
  lastTick: number;
}

const TICK_MS = 50;

export function newRun(): ActiveRun {
  return { stopped: false, discarded: false, t0: performance.now(), remoteNow: 0, frame: 0, lastTick: 0 };
}

/** Calls `draw(elapsed ms)` every TICK_MS, once a frame at most, for as long as `current()` holds. */
export function tickRun(run: ActiveRun, current: () => boolean, draw: (now: number) => void): void {
  run.frame = requestAnimationFrame((ts) => {
    if (!current()) return;
    if (ts - run.lastTick >= TICK_MS) {
      run.lastTick = ts;
      draw(Math.max(performance.now() - run.t0, run.remoteNow));
    }
    tickRun(run, current, draw);
  });
}
