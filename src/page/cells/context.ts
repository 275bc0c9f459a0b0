/**
 * The page-wide settings of the cells, set once by initCells() before <live-cell> is defined,
 * so every element (upgraded at define time or added later) sees the same deck, mode and URLs.
 */
import { SandboxHost } from './sandbox-host.js';
import type {} from '../single-file.js'; // declares __KOWAKUNAI_SANDBOX_HTML__

export interface CellsContext {
  deckId: string;
  /** reveal's speaker view frames (`?receiver`): show recorded results, never run */
  isSpeakerView: boolean;
  /** dist/assets/ as seen from the deck page */
  assetsUrl: URL;
  /** resolves true when the runtime must emulate the slow API (no real one on this host) */
  emulateSlowApi: () => Promise<boolean>;
}

let context: CellsContext | undefined;
let host: SandboxHost | undefined;

export function setCellsContext(c: CellsContext): void {
  context = c;
}

export function cellsContext(): CellsContext {
  if (!context) throw new Error('initCells() has not been called');
  return context;
}

/** The one sandbox frame of the page, created on first use (never in the speaker view). */
export function sandboxHost(): SandboxHost {
  const c = cellsContext();
  if (c.isSpeakerView) throw new Error('cells do not run in the speaker view');
  // the single-file deck carries the sandbox page inline (a file:// page loads no other file)
  host ??= new SandboxHost(typeof __KOWAKUNAI_SANDBOX_HTML__ === 'string' ? { srcdoc: __KOWAKUNAI_SANDBOX_HTML__ } : new URL('sandbox.html', c.assetsUrl).href);
  return host;
}
