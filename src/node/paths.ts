/**
 * Where things are, in the two ways kowakunai runs:
 * - from this repository (tsx, vitest, or `bin/kowakunai.mjs` bundling src/ on the fly): sources under src/,
 *   caches in the repository's .cache/;
 * - installed from npm: one bundled file, lib/kowakunai.mjs, beside lib/prebuilt/ (the browser bundles, the
 *   Node cell runtime, the probes), all made at `npm pack` — no TypeScript and no src/ at run time. Caches then
 *   go beside the decks (.kowakunai-cache/), never into node_modules, which may be read-only.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const KOWAKUNAI_PACKAGED: boolean | undefined;

/** true in the npm package's bundle (scripts/prepack.ts defines the constant), false from the sources */
export const PACKAGED: boolean = typeof KOWAKUNAI_PACKAGED !== 'undefined' && KOWAKUNAI_PACKAGED === true;

/** A file made at pack time: lib/prebuilt/<parts> (meaningful only when PACKAGED). */
export function prebuilt(...parts: string[]): string {
  return join(fileURLToPath(new URL('.', import.meta.url)), 'prebuilt', ...parts);
}

/** The repository's root (meaningful only from the sources). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let cacheRoot: string | undefined;

/** Where build caches live: the repository's .cache/, or (installed) .kowakunai-cache/ in the working directory. */
export function cacheDir(): string {
  return cacheRoot ?? (PACKAGED ? resolve('.kowakunai-cache') : join(REPO_ROOT, '.cache'));
}

/** The CLI puts the cache beside the decks it builds. */
export function setCacheDir(dir: string): void {
  cacheRoot = resolve(dir);
}
