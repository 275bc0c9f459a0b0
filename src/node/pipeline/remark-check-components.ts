import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { BuildError, BuildErrorList } from './errors.js';
import { nearMiss } from './near-miss.js';

/**
 * Fails on a JSX tag that is neither an HTML/SVG element, one of the deck components,
 * nor imported by the deck — at compile time, with its position, instead of a blank slide
 * or a runtime error without a line. Every unknown tag is reported, each with the name it was likely meant to be.
 * `lenient` (a deck written for another tool): each becomes a visible box naming it, with a warning.
 */
export function remarkCheckComponents(options: { known: readonly string[]; lenient?: boolean }) {
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
    const problems: BuildError[] = [];
    const warned = new Set<string>();
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const name = node.name;
      if (!name || /^[a-z]/.test(name) || name.includes('.') || known.has(name) || imported.has(name)) return;
      const at = node.position?.start;
      const meant = nearMiss(name, [...known, ...imported]);
      if (options.lenient) {
        if (!warned.has(name)) file.message(`unknown component <${name}>${meant ? ` (did you mean <${meant}>?)` : ''}: shown as a placeholder box`, at);
        warned.add(name);
        placeholder(node, name);
        return;
      }
      const hint = meant ? `did you mean <${meant}>? Or import it` : `import it, or use one of ${[...known].sort().join(', ')}`;
      problems.push(new BuildError(`unknown component <${name}>: ${hint}`, file.path, at?.line, at?.column));
    });
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new BuildErrorList(problems);
  };
}

function placeholder(node: MdxJsxFlowElement | MdxJsxTextElement, name: string): void {
  const label = { type: 'mdxJsxTextElement' as const, name: 'span', attributes: [{ type: 'mdxJsxAttribute' as const, name: 'class', value: 'k-foreign-label' }], children: [{ type: 'text' as const, value: `<${name}>` }] };
  node.name = node.type === 'mdxJsxFlowElement' ? 'div' : 'span';
  node.attributes = [
    { type: 'mdxJsxAttribute', name: 'class', value: 'k-foreign-component' },
    { type: 'mdxJsxAttribute', name: 'data-component', value: name },
  ];
  node.children = [label, ...node.children] as never;
}
