/**
 * Live cells on the deck page. main.ts calls initCells() once after reveal.js is ready.
 *
 * What loads when: this module and its static imports are small (element, output, timeline SVG,
 * sandbox host). CodeMirror arrives by dynamic import on the first click into code; esbuild-wasm
 * lives in a module worker started on the first edit (or at idle time with prewarmCompiler); the
 * sandbox frame is created on the first Run. In the speaker view none of the three ever loads.
 */
import { cellsContext, setCellsContext } from './context.js';
import { warmCompiler } from './compiler.js';
import { LiveCell } from './live-cell.js';
import { hasRealSlowApi } from './slow-api.js';

export { LiveCell } from './live-cell.js';
export type { CellState } from './live-cell.js';

export interface InitCellsOptions {
  deckId: string;
  /** true in reveal's speaker-view frames (`?receiver`): cells show their recorded result and never run */
  isSpeakerView: boolean;
  /**
   * Resolves true when the runtime must emulate the slow API. Default: probe `/api/slow?delay=0` on the
   * deck's origin for the `X-Kowakunai-Slow-Api: 1` header (the dev and preview servers send it).
   */
  emulateSlowApi?: () => Promise<boolean>;
  /** where dist/assets/ is, seen from the page; default `../assets/` relative to the deck page */
  assetsUrl?: string | URL;
  /** start esbuild-wasm at idle time instead of on the first edit (≈3 MB brotli download) */
  prewarmCompiler?: boolean;
}

let initialized = false;

export function initCells(options: InitCellsOptions): void {
  if (initialized) return;
  initialized = true;
  const assetsUrl = new URL(options.assetsUrl ?? '../assets/', location.href);
  const probe = options.emulateSlowApi ?? (async () => !(await hasRealSlowApi(location.href)));
  let emulate: Promise<boolean> | undefined;
  setCellsContext({
    deckId: options.deckId,
    isSpeakerView: options.isSpeakerView,
    assetsUrl,
    // asked once per page, on the first run (or at idle time below)
    emulateSlowApi: () => (emulate ??= probe()),
  });
  if (!customElements.get('live-cell')) customElements.define('live-cell', LiveCell);

  // print and the speaker view only show recordings: nothing to prepare
  if (options.isSpeakerView || /print-pdf/.test(location.search) || !document.querySelector('live-cell')) return;
  whenIdle(() => {
    void cellsContext().emulateSlowApi().catch(() => true);
    if (options.prewarmCompiler) warmCompiler();
  });
}

/** After first paint, when the page has nothing better to do (slide transitions come first). */
function whenIdle(fn: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 5000 });
  else setTimeout(fn, 1500);
}
