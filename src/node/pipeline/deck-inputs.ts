import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cacheDir as defaultCacheDir } from '../paths.js';

/**
 * Every file a built deck was made of (its MDX or Markdown, the components it imports, its cells' files, its
 * pictures), kept in the build cache (never in the site, which is public): `check` and `pdf` rebuild when one of
 * these changed, not when anything else in the deck's folder did.
 */
function manifest(outDir: string, id: string, cacheDir: string): string {
  const site = createHash('sha256').update(resolve(outDir)).digest('hex').slice(0, 12);
  return join(cacheDir, 'inputs', `${site}-${id}.json`);
}

export async function writeDeckInputs(outDir: string, id: string, files: string[], cacheDir = defaultCacheDir()): Promise<void> {
  const path = manifest(outDir, id, cacheDir);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, JSON.stringify([...new Set(files.map((f) => resolve(f)))].sort()));
}

/** The files the last build of these decks into outDir read; undefined when one deck has no record (build first). */
export async function readDeckInputs(outDir: string, ids: string[], cacheDir = defaultCacheDir()): Promise<string[] | undefined> {
  const lists = await Promise.all(ids.map((id) => readFile(manifest(outDir, id, cacheDir), 'utf8').then((t) => JSON.parse(t) as string[], () => undefined)));
  return lists.some((l) => !l) ? undefined : [...new Set(lists.flat() as string[])];
}
