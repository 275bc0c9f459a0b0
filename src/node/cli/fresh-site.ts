import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { progressLine } from '../progress.js';
import { buildSite, findDecks, type BuiltDeck, type IndexDeck } from '../pipeline/site.js';
import { formatSummary } from '../pipeline/summary.js';
import { whyRebuild } from '../pdf/index.js';
import { indexDecksFromDisk } from '../pdf/index-decks.js';
import { readDeckInputs } from '../pipeline/deck-inputs.js';
import { toolSources, type DeckSelection } from './decks.js';

/**
 * The site in `outDir`, built first when it is missing or older than the decks (what pdf and export print from).
 * Returns what the site's index lists: every deck of the folder the site has a page for, not only those asked for.
 */
export async function freshSite(selection: DeckSelection, outDir: string): Promise<IndexDeck[]> {
  const rebuilt = await rebuildIfStale(selection, outDir);
  if (rebuilt) return rebuilt;
  const built = (await findDecks(selection.slidesDir)).filter((id) => existsSync(join(outDir, id, 'index.html')));
  return indexDecksFromDisk(selection.slidesDir, outDir, built);
}

/**
 * Builds the site when it is missing or older than the decks' own files (as the last build read them; a deck never
 * built here: its whole folder) or the tool's sources. Returns the decks built, or null when the site was fresh.
 */
export async function rebuildIfStale(selection: DeckSelection, outDir: string): Promise<BuiltDeck[] | null> {
  const own = (await readDeckInputs(outDir, selection.ids)) ?? [selection.slidesDir];
  const stale = await whyRebuild(outDir, selection.ids, [...own, ...toolSources()]);
  if (!stale) return null;
  console.log(`building first: ${stale}`);
  const progress = progressLine();
  const summary = await buildSite({ outDir, slidesDir: selection.slidesDir, decks: selection.decks, progress: progress.step }).finally(() => progress.end());
  console.log(formatSummary(summary, relative(process.cwd(), outDir) || outDir));
  return summary.decks;
}
