import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { parseDocument } from 'yaml';
import { BuildError } from './errors.js';
import { validateFrontmatter } from './frontmatter.js';

/** Reads and checks the deck's YAML frontmatter into `file.data.meta`. */
export function remarkDeckMeta() {
  return (tree: Root, file: VFile) => {
    const node = tree.children.find((n) => n.type === 'yaml');
    const source = String(file.value);
    if (!node) {
      file.data.meta = validateFrontmatter(undefined, file.path, source);
      return;
    }
    const doc = parseDocument(node.value);
    const first = doc.errors[0];
    if (first) {
      // +1: the YAML starts on the line after the opening ---
      const [line, column] = first.linePos?.[0] ? [first.linePos[0].line + 1, first.linePos[0].col] : [1, 1];
      throw new BuildError(`frontmatter: ${first.message.split('\n')[0]}`, file.path, line, column);
    }
    file.data.meta = validateFrontmatter(doc.toJS(), file.path, source);
  };
}

declare module 'vfile' {
  interface DataMap {
    meta: import('../../shared/types.js').DeckMeta;
  }
}
