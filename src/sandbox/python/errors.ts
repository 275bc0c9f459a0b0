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

