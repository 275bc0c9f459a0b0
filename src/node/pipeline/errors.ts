import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { importInDeck, placeInMessage, plainAdvice } from './error-advice.js';

/** A build failure that points at a place in a source file. */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'BuildError';
  }

  /** `slides/x/index.mdx:12:3: message` — the shape editors and terminals turn into links. */
  get location(): string {
    const file = relative(process.cwd(), this.file) || this.file;
    if (this.line === undefined) return file;
    return `${file}:${this.line}:${this.column ?? 1}`;
  }

  format(withFrame = true): string {
    const head = `${this.location}: error: ${this.message}`;
    if (!withFrame || this.line === undefined) return head;
    return `${head}\n${codeFrame(this.file, this.line, this.column ?? 1)}`;
  }
}

/** Several independent problems in one file, all reported at once (each with its own place). */
export class BuildErrorList extends Error {
  constructor(readonly list: BuildError[]) {
    super(list.map((e) => `${e.location}: ${e.message}`).join('\n'));
    this.name = 'BuildErrorList';
  }
}

/** Three lines of context and a caret under the column, like esbuild prints. */
export function codeFrame(file: string, line: number, column: number): string {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return '';
  }
  const from = Math.max(1, line - 1);
  const to = Math.min(lines.length, line + 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

/** Turns whatever a plugin threw (vfile messages, esbuild failures) into BuildErrors. */
export function toBuildErrors(error: unknown, fallbackFile: string): BuildError[] {
  if (error instanceof BuildError) return [error];
  if (error instanceof BuildErrorList) return error.list;
  const e = error as {
    errors?: { text: string; location?: { file: string; line: number; column: number } | null; detail?: unknown }[];
    place?: { line: number; column: number } | { start: { line: number; column: number } };
    line?: number;
    column?: number;
    file?: string;
    reason?: string;
    message?: string;
  };
  if (Array.isArray(e.errors) && e.errors.length > 0) {
    return e.errors.map((m) => {
      if (m.detail instanceof BuildError) return m.detail;
      const loc = m.location;
      const moved = loc && importInDeck(loc.file, m.text);
      if (moved) return new BuildError(moved.message, loc.file, moved.line, moved.column);
      // esbuild columns are 0-based; ours (and editors') are 1-based.
      return loc ? new BuildError(m.text, loc.file, loc.line, loc.column + 1) : new BuildError(m.text, fallbackFile);
    });
  }
  const place = (e.place && 'start' in e.place ? e.place.start : e.place) ?? placeInMessage(e.reason ?? e.message ?? '');
  const line = place?.line ?? e.line ?? undefined;
  const column = place?.column ?? e.column ?? undefined;
  const message = plainAdvice((e.reason ?? e.message ?? String(error)).replace(/\s*\(\d+:\d+(-\d+:\d+)?\)\s*$/, ''));
  return [new BuildError(message, e.file || fallbackFile, line ?? undefined, column ?? undefined)];
}
