/** Python exceptions as the page shows errors. Pure: unit-tested in Node. */
import type { CellError } from '../../shared/types';

/** The file name Python tracebacks and asyncio's reprs show for the cell. */
export const CELL_FILENAME = 'cell.py';

/** A Python exception as a CellError: its last line, the line in the cell, the traceback from the cell on. */
export function pythonError(e: unknown): CellError {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.trimEnd().split('\n');
  const message = lines.at(-1) ?? text;
  let line: number | undefined;
  for (const m of text.matchAll(new RegExp(`File "${CELL_FILENAME}", line (\\d+)`, 'g'))) line = Number(m[1]);
  // Pyodide's own frames (eval_code, the loop) come before the cell's: drop them, as a script's traceback would
  const first = lines.findIndex((l) => l.includes(`File "${CELL_FILENAME}"`));
  const stack = first > 0 ? ['Traceback (most recent call last):', ...lines.slice(first)].join('\n') : text;
  return line === undefined ? { message, stack } : { message, line, stack };
}


/**
 * The traceback of an exception raised in a thread (threads.py chains it as `thread.RemoteTraceback`), or null.
 * The page shows an error's last line only; a thread's frames would otherwise be lost, so the runtime prints them.
 */
export function threadTraceback(text: string): string[] | null {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('thread.RemoteTraceback:'));
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('The above exception was the direct cause'));
  const body = lines.slice(start + 1, end < 0 ? undefined : end);
  while (body.length > 0 && body.at(-1)!.trim() === '') body.pop();
  return body.length > 0 ? ['In the thread:', ...body] : null;
}
