/**
 * Pyodide's files, served from dist/assets/pyodide/ (never from a CDN). Only what `loadPyodide` needs for the
 * standard library: the loader, the wasm runtime, the stdlib zip, and a lock file with its package list emptied —
 * the original points every package at a CDN; with none listed, nothing can ever be fetched from there.
 * None of it is on the first page: the Python worker loads it on the first Python run.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { copyIfChanged } from './copy-if-changed.js';

const require = createRequire(import.meta.url);

/** Copied as they are; `pyodide-lock.json` is written by pyodideLock(). */
export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip'] as const;
export const PYODIDE_LOCK = 'pyodide-lock.json';
/** where the files go, relative to dist/ */
export const PYODIDE_ASSETS_DIR = 'assets/pyodide';

export function pyodideDir(): string {
  return dirname(require.resolve('pyodide/package.json'));
}

export function pyodideVersion(): string {
  return (JSON.parse(readFileSync(join(pyodideDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The lock file without packages: Pyodide reads its `info` (Python and ABI versions) and loads no package. */
export function pyodideLock(): string {
  const lock = JSON.parse(readFileSync(join(pyodideDir(), PYODIDE_LOCK), 'utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...lock, packages: {} });
}

/** Copies Pyodide into `<outDir>/assets/pyodide/`; returns the files written, relative to outDir. */
export async function copyPyodideAssets(outDir: string): Promise<string[]> {
  const dir = join(outDir, PYODIDE_ASSETS_DIR);
  await mkdir(dir, { recursive: true });
  const from = pyodideDir();
  await Promise.all(PYODIDE_FILES.map((f) => copyIfChanged(join(from, f), join(dir, f))));
  await writeFile(join(dir, PYODIDE_LOCK), pyodideLock());
  return [...PYODIDE_FILES, PYODIDE_LOCK].map((f) => `${PYODIDE_ASSETS_DIR}/${f}`);
}
