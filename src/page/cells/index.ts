/**
 * Live cells on the deck page. main.ts imports this module as its own chunk and calls initCells() once.
 *
 * What loads when: this module and its static imports are small (element, output, timeline SVG,
 * sandbox host). CodeMirror arrives by dynamic import on the first click into code; esbuild-wasm
 * lives in a module worker started on the first edit; the sandbox frame is created, and the slow API
 * probed, on the first Run. A reader who never runs a cell loads none of it; nor does the speaker view.
 */
import { setCellsContext } from './context.js';
import { LiveCell } from './live-cell.js';
import { hasRealSlowApi } from './slow-api.js';

export { LiveCell } from './live-cell.js';
export { sandboxHost } from './context.js';
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
}

let initialized = false;

export function initCells(options: InitCellsOptions): void {
  if (initialized) return;
  initialized = true;
  const assetsUrl = new URL(options.assetsUrl ?? '../assets/', location.href);
  setCellsContext({
    deckId: options.deckId,
    isSpeakerView: options.isSpeakerView,
    assetsUrl,
    // asked on the first run; hasRealSlowApi remembers the answer for the page
    emulateSlowApi: options.emulateSlowApi ?? (async () => !(await hasRealSlowApi(location.href))),
  });
  if (!customElements.get('live-cell')) customElements.define('live-cell', LiveCell);
}
