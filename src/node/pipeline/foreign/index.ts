import { detectDialect } from './detect.js';
import { prepareMarp } from './marp.js';
import { prepareMdxDeck } from './mdx-deck.js';
import { prepareReveal } from './reveal.js';
import { prepareSlidev } from './slidev.js';
import { join, mdxComments, scanLines } from './text.js';
import type { Prepared } from './types.js';

export type { Dialect, Prepared, SlideSpec } from './types.js';
export { DIALECT_NAMES } from './types.js';

/** The deck's dialect, detected (or asked for), and its source turned into what our pipeline reads. */
export function prepareDeck(path: string, source: string, from?: string): Prepared {
  const { dialect, reason } = detectDialect(path, source, from);
  const prepared = (() => {
    switch (dialect) {
      case 'slidev':
        return prepareSlidev(source);
      case 'marp':
        return prepareMarp(source);
      case 'reveal':
      case 'markdown':
        return prepareReveal(source, dialect);
      case 'mdx-deck':
        return prepareMdxDeck(source);
      default: {
        // an HTML comment is the habit of every Markdown author: in our MDX it is a hidden MDX comment, not an error
        if (!source.includes('<!--')) return { dialect, reason, text: source, meta: {}, warnings: [] } satisfies Prepared;
        const lines = scanLines(source);
        mdxComments(lines);
        return { dialect, reason, text: join(lines), meta: {}, warnings: [] } satisfies Prepared;
      }
    }
  })();
  return { ...prepared, reason };
}
