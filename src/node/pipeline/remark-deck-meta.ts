import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { parseDocument } from 'yaml';
import { BuildError } from './errors.js';
import { validateFrontmatter, type FrontmatterOptions } from './frontmatter.js';

/** The deck's prose, for guessing its language: code and markup say nothing about it. */
function prose(tree: Root): string {
  return tree.children
    .filter((n) => n.type !== 'code' && n.type !== 'yaml' && n.type !== 'mdxjsEsm' && n.type !== 'html')
    .map((n) => toString(n))
    .join('\n');
}

/** Reads and checks the deck's YAML frontmatter into `file.data.meta`; what it lacks comes from the deck, with a warning. */
export function remarkDeckMeta(options: Pick<FrontmatterOptions, 'foreign' | 'implied' | 'usedKeys'> = {}) {
  return (tree: Root, file: VFile) => {
    const node = tree.children.find((n) => n.type === 'yaml');
    const source = String(file.value);
    const heading = tree.children.find((n): n is Heading => n.type === 'heading');
    const opts: FrontmatterOptions = {
      ...options,
      firstHeading: heading ? toString(heading).trim() || undefined : undefined,
      text: prose(tree),
      warn: (message, line) => {
        file.message(message, { line, column: 1 });
      },
    };
    if (!node) {
      file.data.meta = validateFrontmatter(undefined, file.path, source, opts);
      return;
    }
    const doc = parseDocument(node.value);
    const first = doc.errors[0];
    if (first) {
      // +1: the YAML starts on the line after the opening ---
      const [line, column] = first.linePos?.[0] ? [first.linePos[0].line + 1, first.linePos[0].col] : [1, 1];
      throw new BuildError(`frontmatter: ${first.message.split('\n')[0]}`, file.path, line, column);
    }
    file.data.meta = validateFrontmatter(doc.toJS(), file.path, source, opts);
  };
}

declare module 'vfile' {
  interface DataMap {
    meta: import('../../shared/types.js').DeckMeta;
  }
}
