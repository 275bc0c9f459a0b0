import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { prepareDeck } from '../pipeline/foreign/index.js';
import { validateFrontmatter } from '../pipeline/frontmatter.js';
import { deckFile, type IndexDeck } from '../pipeline/site.js';

/**
 * What the site's index lists for decks that were built earlier (npm run pdf skips the build when
 * dist/ is fresh): the frontmatter from the MDX, the slide count from the built page. Cheap — no
 * MDX compile — and the same values the build itself put in the index.
 */
export async function indexDecksFromDisk(slidesDir: string, distDir: string, decks: string[]): Promise<IndexDeck[]> {
  return Promise.all(
    decks.map(async (id) => {
      const file = deckFile(slidesDir, id);
      const source = await readFile(file, 'utf8');
      const yaml = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source)?.[1];
      // as the build read it: a deck of another tool has its dialect's defaults (no warnings: the build gave them)
      const prepared = prepareDeck(file, source);
      const firstHeading = /^#{1,6}\s+(.+)$/m.exec(prepared.text.replace(/^```[\s\S]*?^```/gm, ''))?.[1]?.trim();
      const meta = validateFrontmatter(yaml === undefined ? undefined : parse(yaml), file, source, {
        foreign: prepared.dialect !== 'kowakunai',
        implied: prepared.meta,
        usedKeys: prepared.usedKeys,
        firstHeading,
      });
      const html = await readFile(join(distDir, id, 'index.html'), 'utf8');
      return { id, meta, slides: (html.match(/<section data-slide=/g) ?? []).length };
    }),
  );
}
