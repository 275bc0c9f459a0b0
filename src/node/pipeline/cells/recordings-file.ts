/**
 * A deck's recorded cell results as content: `recordings.json` beside the deck's index.mdx (`talk.recordings.json`
 * beside a one-file deck `talk.mdx`), committed and reviewed like the slides. A fresh clone then shows every cell's
 * real recorded run at once, without running a demo; only a cell whose code (or the runtime that ran it) changed is
 * recorded again, and the diff shows what its new run printed and how long it took.
 *
 * The file feeds the recorders' own cache (.cache/cells/<key>.json): the recorders stay the one place that decides
 * whether a run is needed. Each entry carries the key it was recorded under — the compiled cell and the runtime's
 * bundle (TypeScript), the source, Pyodide and the Python runtime (Python) — so an entry for older code is never
 * shown for newer code. Entries are in the deck's order, keys in a fixed order, one task or output line per text
 * line: a re-recorded cell changes its own lines and nothing else.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CellLang, CellResult } from '../../../shared/types.js';
import { writeFileAtomic } from '../../atomic-write.js';

const FILE_FORMAT = 1;
const ABOUT = 'Live cells of this deck as recorded at build time (kowakunai build / kowakunai record). Committed like the slides; a cell whose code changes is recorded again.';

export interface RecordingEntry {
  id: string;
  lang: CellLang;
  /** the recorder's cache key for this cell's code and runtime */
  key: string;
  /** the recorder's entry format (a recorder that changes what it records ignores older entries) */
  format: number;
  result: CellResult;
}

interface RecordingsFile {
  format: number;
  about: string;
  cells: RecordingEntry[];
}

/** Where a deck's recordings live: beside its index.mdx, or beside a one-file deck as `<name>.recordings.json`. */
export function recordingsPath(deckFile: string): string {
  const name = basename(deckFile);
  if (/^index\.mdx?$/.test(name)) return join(dirname(deckFile), 'recordings.json');
  return join(dirname(deckFile), `${name.replace(/\.mdx?$/, '')}.recordings.json`);
}

/** True for a file the build writes itself (watchers and staleness checks must not take it for an edit). */
export const isRecordingsFile = (file: string): boolean => /(^|[/\\])([^/\\]+\.)?recordings\.json$/.test(file);

/** The deck's recordings; none when the file is missing or unreadable (the cells are then recorded anew). */
export async function readRecordings(deckFile: string): Promise<RecordingEntry[]> {
  const file = recordingsPath(deckFile);
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as RecordingsFile;
    return parsed.format === FILE_FORMAT && Array.isArray(parsed.cells) ? parsed.cells : [];
  } catch {
    return [];
  }
}

/** Puts each recording into the recorders' cache where that key has no entry yet. */
export async function seedCache(entries: RecordingEntry[], cellCacheDir: string): Promise<void> {
  await Promise.all(
    entries.map(async (e) => {
      const file = join(cellCacheDir, `${e.key}.json`);
      if (!existsSync(file)) await writeFileAtomic(file, JSON.stringify({ format: e.format, result: e.result }));
    }),
  );
}

/**
 * Writes the deck's recordings when they differ from the file's: entries in `entries`' order (the deck's). A timed-out
 * run is left out, as the cache leaves it out: it says more about the machine than about the cell.
 * Returns whether the file changed.
 */
export async function writeRecordings(deckFile: string, entries: RecordingEntry[]): Promise<boolean> {
  const file = recordingsPath(deckFile);
  const kept = entries.filter((e) => e.result.status !== 'timeout');
  const text = serialize({ format: FILE_FORMAT, about: ABOUT, cells: kept });
  const before = existsSync(file) ? await readFile(file, 'utf8').catch(() => '') : '';
  if (before === text) return false;
  if (kept.length === 0 && !before) return false;
  await writeFileAtomic(file, text);
  return true;
}

/** Levels of nesting written one item per line; deeper values (a task, an output line) stay on one line. */
const EXPANDED_DEPTH = 5;

/** JSON with a fixed layout: the top levels indented, each task, output line or wait on a line of its own. */
export function serialize(value: unknown): string {
  const write = (v: unknown, depth: number, indent: string): string => {
    if (depth >= EXPANDED_DEPTH || v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => inner + write(x, depth + 1, inner)).join(',\n')}\n${indent}]`;
    }
    const fields = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (fields.length === 0) return '{}';
    return `{\n${fields.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, depth + 1, inner)}`).join(',\n')}\n${indent}}`;
  };
  return `${write(value, 0, '')}\n`;
}
