import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isRecordingsFile } from '../pipeline/cells/recordings-file.js';

/** Newest file under `dir` (dot-folders and node_modules skipped), or `dir` itself when it is a file: its path and mtime. */
async function newest(dir: string, skip: string): Promise<{ file: string; mtimeMs: number } | null> {
  if (!existsSync(dir) || dir === skip) return null;
  const info = await stat(dir);
  if (info.isFile()) return { file: dir, mtimeMs: info.mtimeMs };
  let best: { file: string; mtimeMs: number } | null = null;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // recordings.json is written by the build itself, during the build
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || isRecordingsFile(entry.name)) continue;
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? await newest(path, skip) : { file: path, mtimeMs: (await stat(path)).mtimeMs };
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

/**
 * Why dist/ must be rebuilt before printing, or null when it is up to date: a deck's pages or the
 * shared assets are missing, or a file under `inputs` (the decks' own files, src/) changed after they were written.
 * The build time is that of the oldest output, so a half-finished build counts as stale.
 */
export async function whyRebuild(distDir: string, decks: string[], inputs: string[]): Promise<string | null> {
  const outputs = [join(distDir, 'assets', 'deck.css'), join(distDir, 'assets', 'handout.css'), ...decks.flatMap((d) => [join(distDir, d, 'index.html'), join(distDir, d, 'handout.html')])];
  const missing = outputs.find((f) => !existsSync(f));
  if (missing) return `${relative(process.cwd(), missing)} is missing`;
  // the deck pages are written by every build; the shared assets are copied with their cached bundle's own time
  // (copy-if-changed.ts), which says when the client was bundled, not when the decks were built
  const pages = outputs.slice(2);
  const builtAt = Math.min(...(await Promise.all(pages.map(async (f) => (await stat(f)).mtimeMs))));
  const gone = inputs.find((f) => !existsSync(f));
  if (gone) return `${relative(process.cwd(), gone)} is gone since the last build`;
  for (const dir of inputs) {
    // the site may sit inside the decks' folder (a talk in the current directory): its own files are not inputs
    const latest = await newest(dir, distDir);
    if (latest && latest.mtimeMs > builtAt) return `${relative(process.cwd(), latest.file)} changed after the last build`;
  }
  return null;
}
