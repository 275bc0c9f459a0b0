import { copyFile, mkdir, stat, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Copies `from` to `to` unless `to` already is that file: same size and same modification time (the copy is
 * given the source's). esbuild.wasm and Pyodide are 27 MB that change only with an npm update; copying them
 * on every build cost a large share of a small deck's build.
 */
export async function copyIfChanged(from: string, to: string): Promise<boolean> {
  const [src, dst] = await Promise.all([stat(from), stat(to).catch(() => null)]);
  if (dst && dst.size === src.size && Math.trunc(dst.mtimeMs) === Math.trunc(src.mtimeMs)) return false;
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
  await utimes(to, src.atime, src.mtime);
  return true;
}
