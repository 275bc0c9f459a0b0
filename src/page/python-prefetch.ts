import type { RevealApi } from 'reveal.js';
import { PY_MAX_THREADS, PY_USES_THREADS } from '../shared/types.js';
import type { SandboxHost } from './cells/sandbox-host.js';

/**
 * Python ready before the click. Pyodide takes seconds to download and start; a presenter who reaches a
 * slide with a Python cell — or the slide before it — gets it loaded in the sandbox while they talk, at
 * idle time, so Run starts at once. Only then: a reader who never comes near a Python cell loads nothing
 * of Pyodide (nor the sandbox frame). Not in the speaker view's previews (cells never run there) nor in
 * the print view.
 */
export function prefetchPythonNearby(
  deck: RevealApi,
  sandboxHost: () => Promise<SandboxHost>,
  opts: { speakerFrame: boolean; printView: boolean },
): void {
  if (opts.speakerFrame || opts.printView) return;
  let askedPython = false;
  let askedThreads = false;
  const check = (): void => {
    const slides = deck.getSlides();
    const at = slides.indexOf(deck.getCurrentSlide());
    const cells = [slides[at], slides[at + 1]].flatMap((s) => [...(s?.querySelectorAll('live-cell[data-lang="python"]') ?? [])]);
    if (cells.length === 0) return;
    // A cell that offloads calls runs on thread workers too (one Pyodide each): load them as well, before the
    // click — also when Python itself was loaded slides earlier, for a demo without threads.
    const usesThreads = cells.some((c) => PY_USES_THREADS.test(c.querySelector('pre')?.textContent ?? ''));
    if (askedPython && (askedThreads || !usesThreads)) return;
    askedPython = true;
    askedThreads ||= usesThreads;
    if (askedThreads) deck.off('slidechanged', check);
    const threads = usesThreads ? PY_MAX_THREADS : 0;
    whenIdle(() => void sandboxHost().then((host) => host.prepare('python', threads)));
  };
  deck.on('slidechanged', check);
  check();
}

function whenIdle(fn: () => void): void {
  const idle = (window as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(fn, { timeout: 2000 });
  else setTimeout(fn, 500);
}
