import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { BuildError } from './errors.js';

/**
 * Fails on a JSX tag that is neither an HTML/SVG element, one of the deck components,
 * nor imported by the deck — at compile time, with its position, instead of a blank slide
 * or a runtime error without a line.
 */
export function remarkCheckComponents(options: { known: readonly string[] }) {
  const known = new Set(options.known);
  return (tree: Root, file: VFile) => {
    const imported = new Set<string>();
    for (const node of tree.children) {
      if (node.type !== 'mdxjsEsm') continue;
      for (const m of node.value.matchAll(/import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s+as\s+([\w$]+))?\s*from/g)) {
        if (m[1]) imported.add(m[1]);
        if (m[3]) imported.add(m[3]);
        for (const spec of (m[2] ?? '').split(',')) {
          const name = spec.split(/\s+as\s+/).pop()?.trim();
          if (name) imported.add(name);
        }
      }
      for (const m of node.value.matchAll(/export\s+(?:const|function|let)\s+([\w$]+)/g)) imported.add(m[1]);
    }
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const name = node.name;
      if (!name || /^[a-z]/.test(name) || name.includes('.') || known.has(name) || imported.has(name)) return;
      const at = node.position?.start;
      throw new BuildError(
        `unknown component <${name}>: import it, or use one of ${[...known].sort().join(', ')}`,
        file.path,
        at?.line,
        at?.column,
      );
    });
  };
}
