/**
 * Points runtime errors at the cell's own lines. Stack traces name positions in the compiled module (a blob: URL in
 * the browser, a file in Node); compileCell appends an inline source map that leads back to the cell's source.
 */
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { CellError } from '../shared/types';

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decodeBase64Utf8(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

export class CellSourceMap {
  private map: TraceMap | null | undefined;

  constructor(
    private readonly js: string,
    /** the URL the compiled module was imported from, as it appears in stack traces */
    private readonly moduleUrl: string,
  ) {}

  private traceMap(): TraceMap | null {
    if (this.map === undefined) {
      const m = INLINE_MAP.exec(this.js);
      try {
        this.map = m ? new TraceMap(decodeBase64Utf8(m[1]!)) : null;
      } catch {
        this.map = null;
      }
    }
    return this.map;
  }

  /** A generated position (1-based line and column, as in stack traces) → the cell's source, if it maps there. */
  original(line: number, column: number): { source: string; line: number; column: number } | null {
    const map = this.traceMap();
    if (!map) return null;
    const pos = originalPositionFor(map, { line, column: column - 1 });
    // positions in the virtual `kowakunai` module are the runtime's, not the cell's
    if (pos.line === null || pos.source === null || pos.source.includes('kowakunai')) return null;
    return { source: pos.source.split('/').pop() ?? pos.source, line: pos.line, column: pos.column + 1 };
  }

  /** The thrown value as a CellError: message, the cell position of the innermost cell frame, a cell-only stack. */
  toCellError(thrown: unknown): CellError {
    if (!(thrown instanceof Error)) return { message: `Uncaught ${typeof thrown === 'string' ? thrown : safeString(thrown)}` };
    const message = `${thrown.name}: ${thrown.message}`;
    const error: CellError = { message };
    const stack = typeof thrown.stack === 'string' ? thrown.stack : '';
    const frame = new RegExp(`${escapeRegExp(this.moduleUrl)}:(\\d+):(\\d+)`);
    const frames: string[] = [];
    for (const line of stack.split('\n')) {
      const m = frame.exec(line);
      if (!m) continue;
      const pos = this.original(Number(m[1]), Number(m[2]));
      if (!pos) continue;
      if (error.line === undefined) {
        error.line = pos.line;
        error.column = pos.column;
      }
      frames.push(line.replace(frame, `${pos.source}:${pos.line}:${pos.column}`));
    }
    error.stack = [message, ...frames].join('\n');
    return error;
  }
}

function safeString(v: unknown): string {
  try {
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  } catch {
    return String(v);
  }
}
