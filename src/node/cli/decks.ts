/**
 * Which decks a command means. Decks live anywhere; paths are relative to where the user stands:
 * - `talk.mdx` or `talk.md`: that one file is a deck ("talk");
 * - `my-talk/` with an index.mdx (or index.md): that folder is a deck ("my-talk");
 * - a folder of decks (sub-folders with index.mdx, and .mdx files): all of them;
 * - nothing: `slides/` when there is one (this repository), else the current folder;
 * - a bare name that is none of these but a deck of that default folder (`kowakunai check example`).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { findDecks, folderDeck } from '../pipeline/site.js';
import { PACKAGED, REPO_ROOT, setCacheDir } from '../paths.js';
import { UsageError } from './verb.js';

export interface DeckSelection {
  /** the folder the decks are in (where the cache goes too) */
  slidesDir: string;
  /** the decks asked for; undefined: every deck of slidesDir */
  decks?: string[];
  /** every deck id this selection stands for */
  ids: string[];
}

export function defaultSlidesDir(cwd = process.cwd()): string {
  const slides = join(cwd, 'slides');
  return existsSync(slides) && statSync(slides).isDirectory() ? slides : cwd;
}

export async function selectDecks(args: string[], cwd = process.cwd()): Promise<DeckSelection> {
  if (args.length === 0) {
    const slidesDir = defaultSlidesDir(cwd);
    const ids = await findDecks(slidesDir);
    if (ids.length === 0) throw new UsageError(`no deck found in ${shown(slidesDir, cwd)}: a deck is a .mdx or .md file or a folder with an index.mdx (start one: kowakunai new my-talk)`);
    return { slidesDir, ids };
  }
  const picked = await Promise.all(args.map((a) => one(a, cwd)));
  const dirs = new Set(picked.map((p) => p.slidesDir));
  if (dirs.size > 1) throw new UsageError(`decks from different folders cannot be built into one site: ${args.join(', ')}`);
  if (picked.some((p) => !p.decks)) {
    if (picked.length > 1) throw new UsageError(`name either one folder of decks or the decks themselves, not both: ${args.join(', ')}`);
    return picked[0]!;
  }
  const decks = [...new Set(picked.flatMap((p) => p.decks!))];
  return { slidesDir: picked[0]!.slidesDir, decks, ids: decks };
}

async function one(arg: string, cwd: string): Promise<DeckSelection> {
  const path = resolve(cwd, arg);
  if (existsSync(path)) {
    const info = statSync(path);
    if (info.isFile() && /\.mdx?$/.test(path)) {
      const id = basename(path).replace(/\.mdx?$/, '');
      return { slidesDir: dirname(path), decks: [id], ids: [id] };
    }
    if (info.isDirectory() && folderDeck(path)) {
      const id = basename(path);
      return { slidesDir: dirname(path), decks: [id], ids: [id] };
    }
    if (info.isDirectory()) {
      const ids = await findDecks(path);
      if (ids.length > 0) return { slidesDir: path, ids };
      throw new UsageError(`no deck in ${arg}: it has no index.mdx and no deck inside (a .mdx or .md file or a folder with an index.mdx)`);
    }
    throw new UsageError(`not a deck: ${arg} (a deck is a .mdx or .md file, or a folder with an index.mdx)`);
  }
  // a deck of the default folder, by name: `kowakunai pdf example` in this repository
  const slidesDir = defaultSlidesDir(cwd);
  if (!/[/\\]/.test(arg) && (await findDecks(slidesDir)).includes(arg)) return { slidesDir, decks: [arg], ids: [arg] };
  throw new UsageError(`no such deck: ${arg} (no file or folder ${shown(path, cwd)})`);
}

function shown(path: string, cwd: string): string {
  return relative(cwd, path) || '.';
}

/** selectDecks, and (installed) the build cache beside those decks: .kowakunai-cache/ in their folder. */
export async function decksFor(args: string[]): Promise<DeckSelection> {
  const selection = await selectDecks(args);
  if (PACKAGED) setCacheDir(join(selection.slidesDir, '.kowakunai-cache'));
  return selection;
}

/** What a rebuild depends on besides the decks: from this repository, the tool's own sources. */
export function toolSources(): string[] {
  return PACKAGED ? [] : [join(REPO_ROOT, 'src')];
}

/** The deck a command opens or presents when none is named: this repository's talk, else the first deck. */
export function defaultDeck(ids: string[]): string | undefined {
  return ids.includes('asyncio-ja') ? 'asyncio-ja' : ids[0];
}
