/**
 * What one run may send to the page. Applied in the sandbox, before postMessage: a 50-million-character line costs
 * the deck's main thread nothing if it never leaves the worker whole. Whatever is cut says plainly how much.
 */

/** One output line (also the error message, the traceback and the return value). */
export const MAX_LINE_CHARS = 10_000;
/** All output lines of a run together; later lines are counted, not kept, like lines beyond MAX_OUTPUT_LINES. */
export const MAX_OUTPUT_CHARS = 200_000;
/** The return value's text form. */
export const MAX_RETURN_CHARS = 10_000;

import type { CellError } from '../shared/types';

const count = (n: number): string => n.toLocaleString('en-US');

/** `text`, cut to `max` characters with a note of what was cut: "xxxx… … 49,990,000 more characters". */
export function capText(text: string, max: number = MAX_LINE_CHARS): string {
  if (text.length <= max) return text;
  let keep = max;
  // never split a surrogate pair: half an emoji would show as a broken glyph
  const code = text.charCodeAt(keep - 1);
  if (code >= 0xd800 && code <= 0xdbff) keep--;
  return `${text.slice(0, keep)} … ${count(text.length - keep)} more characters`;
}

/** An error's message and traceback, each within a line's cap (a cell may throw a giant message). */
export function capError(error: CellError): CellError {
  const out: CellError = { ...error, message: capText(error.message) };
  if (error.stack !== undefined) out.stack = capText(error.stack);
  return out;
}
