/**
 * Records one deck's cells: TypeScript in Node workers (record.ts), Python in headless Chromium (record-python.ts),
 * both fed first from the deck's committed recordings (recordings-file.ts), which are written back afterwards. A cell
 * runs only when neither the file nor the cache has a run of its current code and runtime, or when asked to run again.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CellResult } from '../../../shared/types.js';
import type { CompiledCell } from './build-cells.js';
import { cacheKey, RECORDING_FORMAT as TS_FORMAT, recordCells } from './record.js';
import { pythonCellHash, RECORDING_FORMAT as PY_FORMAT, recordPythonCells } from './record-python.js';
import { readRecordings, seedCache, writeRecordings } from './recordings-file.js';

export interface RecordDeckOptions {
  /** the recorders' cache folder (.cache/cells) */
  cellCacheDir: string;
  /** cells to run again even though a recording of their code exists (kowakunai record --force) */
  rerecord?: (id: string) => boolean;
  /** progress lines: which cells must run, each one as it finishes */
  progress?: (step: string) => void;
  /** false: only what recordings.json and the cache hold; a cell without a current recording stays without (default true) */
  runMissing?: boolean;
}

export async function recordDeck(deckFile: string, cells: CompiledCell[], opts: RecordDeckOptions): Promise<Map<string, CellResult>> {
  const { cellCacheDir } = opts;
  const keyed = await Promise.all(
    cells.map(async (cell) =>
      cell.lang === 'python'
        ? { cell, key: pythonCellHash(cell.source), format: PY_FORMAT }
        : { cell, key: await cacheKey(cell.js, cellCacheDir, cell.timeLimitMs, packageCode(cell)), format: TS_FORMAT },
    ),
  );
  const forced = new Set(keyed.filter((k) => opts.rerecord?.(k.cell.id)).map((k) => k.key));
  await Promise.all([...forced].map((key) => rm(join(cellCacheDir, `${key}.json`), { force: true })));
  const current = new Set(keyed.map((k) => k.key));
  const stored = await readRecordings(deckFile);
  await seedCache(stored.filter((e) => current.has(e.key) && !forced.has(e.key)), cellCacheDir);

  // what has no recording of its current code must run: say so before the demos' seconds go by
  const toRun = new Set(keyed.filter((k) => !existsSync(join(cellCacheDir, `${k.key}.json`))).map((k) => k.cell.id));
  let ran = 0;
  const finished = (id: string): void => {
    if (toRun.has(id)) opts.progress?.(`${label(deckFile)}: recorded cell "${id}" (${++ran} of ${toRun.size})`);
  };
  const runMissing = opts.runMissing ?? true;
  if (toRun.size > 0 && runMissing) opts.progress?.(`${label(deckFile)}: recording ${toRun.size} of ${cells.length} cells (${[...toRun].join(', ')}); the rest are in recordings.json`);

  const wanted = (c: CompiledCell): boolean => runMissing || !toRun.has(c.id);
  const ts = cells.filter((c) => c.lang !== 'python' && wanted(c));
  const py = cells.filter((c) => c.lang === 'python' && wanted(c));
  const [recorded, pyRecorded] = await Promise.all([
    ts.length === 0 ? new Map<string, CellResult>() : recordCells(ts.map((c) => ({ id: c.id, js: c.js, timeLimitMs: c.timeLimitMs, packages: packageCode(c) })), {
          cacheDir: cellCacheDir,
          onProgress: (e) => e.state === 'recorded' && finished(e.id),
        }),
    py.length === 0 ? new Map<string, CellResult>() : recordPythonCells(py.map((c) => ({ id: c.id, source: c.source, timeLimitMs: c.timeLimitMs })), { cacheDir: cellCacheDir, onResult: finished }),
  ]);
  for (const [id, r] of pyRecorded) recorded.set(id, r);
  // a build that ran nothing has nothing new to say; the file keeps its entries for the run that follows
  if (!runMissing) return recorded;
  await writeRecordings(
    deckFile,
    keyed.flatMap(({ cell, key, format }) => {
      const result = recorded.get(cell.id);
      return result ? [{ id: cell.id, lang: cell.lang, key, format, result }] : [];
    }),
  );
  return recorded;
}

/** specifier → bundle, what the runtime loads before the cell */
const packageCode = (cell: CompiledCell): Record<string, string> => Object.fromEntries((cell.packages ?? []).map((p) => [p.specifier, p.code]));

/** The deck as its author names it: the folder of an index.mdx, else the file's name. */
const label = (deckFile: string): string => (/^index\.mdx?$/.test(basename(deckFile)) ? basename(dirname(deckFile)) : basename(deckFile));
