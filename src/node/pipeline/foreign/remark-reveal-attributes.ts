import type { Html, Parent, Root, RootContent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { parseAttributes } from './text.js';

const ELEMENT = /^<!--\s*\.element:\s*([\s\S]*?)\s*-->$/;

function apply(target: RootContent, attrs: Record<string, string>): void {
  const data = (target.data ??= {}) as { hProperties?: Record<string, unknown> };
  const props = (data.hProperties ??= {});
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') props.className = [...((props.className as string[] | undefined) ?? []), ...v.split(/\s+/).filter(Boolean)];
    else if (k === 'style' || k === 'id' || k.startsWith('data-')) props[k] = v;
  }
}

/**
 * reveal.js's `<!-- .element: class="fragment" -->`: the attributes go to the element the comment ends (a
 * paragraph, a list item, a heading) or, on a line of its own, to the block just before it.
 */
export function remarkRevealAttributes() {
  return (tree: Root) => {
    visit(tree, 'html', (node: Html, index, parent: Parent | undefined) => {
      const m = ELEMENT.exec(node.value.trim());
      if (!m || !parent || index === undefined) return;
      const attrs = parseAttributes(m[1]);
      const inline = parent.type === 'paragraph' || parent.type === 'heading';
      const target = inline ? parent : parent.children[index - 1];
      parent.children.splice(index, 1);
      if (target) apply(target as RootContent, attrs);
      return [SKIP, index];
    });
    // a paragraph inside a list item carries the item: reveal.js puts the class on the <li>
    visit(tree, 'listItem', (item) => {
      const p = item.children[0];
      const props = (p?.data as { hProperties?: Record<string, unknown> } | undefined)?.hProperties;
      if (p?.type === 'paragraph' && props && item.children.length >= 1) {
        apply(item, Object.fromEntries(Object.entries(props).map(([k, v]) => [k === 'className' ? 'class' : k, Array.isArray(v) ? v.join(' ') : String(v)])));
        delete (p.data as { hProperties?: unknown }).hProperties;
      }
    });
  };
}
