import { readFile } from 'node:fs/promises';
import { parseDrawings, type DrawingsFile } from '../../shared/pen.js';
import { UsageError } from './verb.js';

/** `--with-drawings <file>`: a file saved with the pen's ⤓ button (<deck>.drawings.json). */
export async function drawingsOption(value: string | boolean | undefined, decks: string[]): Promise<DrawingsFile | undefined> {
  if (typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(value, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--with-drawings ${value}: ${code === 'ENOENT' ? 'no such file' : `not a drawings file (${(error as Error).message})`}`);
  }
  const file = parsed as Partial<DrawingsFile> | null;
  const drawings = file?.kowakunai === 'drawings' && typeof file.deck === 'string' ? parseDrawings(file.drawings) : null;
  if (!file || !drawings) throw new UsageError(`--with-drawings ${value}: not a drawings file (save one with the pen's ⤓ button)`);
  if (!decks.includes(file.deck!)) throw new UsageError(`--with-drawings ${value}: its strokes are for deck "${file.deck}", which is not exported (${decks.join(', ')})`);
  return { kowakunai: 'drawings', deck: file.deck!, drawings };
}
