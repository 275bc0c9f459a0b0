import { access, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGED, prebuilt } from '../paths.js';
import { fontHead, pageCharacters, staleFontFiles, subsetDeckFonts, type SubsetFile } from './font-subset.js';

/**
 * Serves Noto Sans JP from dist/ so Japanese renders the same on every projector and in PDFs, with no
 * request to a font service — cut, per page set (a deck and its handout), to the characters those pages use.
 */

const CLIENT_DIRS = ['../../page', '../../shared'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
let clientChars: Promise<string> | undefined;

/**
 * Non-ASCII characters of the page's own code (button labels, "recorded at build time" in Japanese, the
 * timeline's marks): shown on every deck although no slide contains them.
 */
export function clientCharacters(): Promise<string> {
  // installed: the page's sources are not there; scripts/prepack.ts listed their characters
  if (PACKAGED) clientChars ??= readFile(prebuilt('client-chars.txt'), 'utf8');
  clientChars ??= (async () => {
    const out = new Set<string>();
    for (const dir of CLIENT_DIRS) {
      const files = (await readdir(dir, { recursive: true })).filter((f) => /\.(ts|css)$/.test(f));
      for (const f of files) for (const ch of await readFile(join(dir, f), 'utf8')) if (ch.codePointAt(0)! > 0x7e) out.add(ch);
    }
    return [...out].join('');
  })();
  return clientChars;
}

export interface PageFonts {
  /** tags for <head>: the inline @font-face rules */
  head: string;
  files: SubsetFile[];
}

/**
 * Cuts the fonts for one set of pages (their final HTML, without the font tags) and writes them to
 * dist/assets/fonts/. `assetsUrl` is the pages' URL of dist/assets/ (`../assets/` from a deck folder).
 */
export async function writePageFonts(distDir: string, cacheDir: string, pages: string[], assetsUrl: string): Promise<PageFonts> {
  const chars = pageCharacters(...pages, await clientCharacters());
  const files = await subsetDeckFonts(chars, cacheDir);
  const dir = join(distDir, 'assets', 'fonts');
  await mkdir(dir, { recursive: true });
  await Promise.all(
    files.map(async (f) => {
      const path = join(dir, f.name);
      // content-hashed names: a file already there is this very file, and its mtime stays (caches, rsync)
      if (!(await access(path).then(() => true, () => false))) await writeFile(path, f.bytes);
    }),
  );
  return { head: fontHead(files, assetsUrl), files };
}

/** After a full build: removes font files no page refers to any more. */
export async function removeStaleFonts(distDir: string, used: Iterable<SubsetFile>): Promise<void> {
  const dir = join(distDir, 'assets', 'fonts');
  const stale = await staleFontFiles(dir, new Set([...used].map((f) => f.name)));
  await Promise.all(stale.map((n) => rm(join(dir, n), { recursive: true, force: true })));
}
