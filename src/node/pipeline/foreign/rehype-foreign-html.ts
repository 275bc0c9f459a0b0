import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

function addClass(node: Element, ...cls: string[]): void {
  const now: unknown = node.properties.className;
  node.properties.className = [...(Array.isArray(now) ? now.map(String) : typeof now === 'string' ? now.split(/\s+/) : []), ...cls];
}

function fragment(node: Element, value: unknown): void {
  addClass(node, 'fragment', ...(String(value).includes('hide') ? ['fade-out'] : []));
}

/**
 * The raw HTML of a Markdown deck, made safe and made ours: Slidev's `v-click` / `<v-click>` / `<v-clicks>` /
 * `v-after` become reveal.js fragments; scripts, event handlers, `javascript:` links and Vue bindings
 * (`@click`, `:prop`, `v-*`) are dropped — a deck is shown, never run; an <iframe> to another host becomes a
 * box with its address (the deck works offline).
 */
export function rehypeForeignHtml() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      if (['script', 'object', 'embed', 'applet'].includes(node.tagName)) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (node.tagName === 'iframe') {
        const src = String(node.properties.src ?? '');
        const box: Element = { type: 'element', tagName: 'div', properties: { className: ['k-foreign-component'] }, children: [{ type: 'text', value: `embedded page (not loaded offline): ${src}` }] };
        parent.children[index] = box;
        return SKIP;
      }
      if (node.tagName === 'v-click' || node.tagName === 'v-after') {
        node.tagName = 'div';
        fragment(node, node.properties.hide !== undefined ? 'hide' : '');
      } else if (node.tagName === 'v-clicks') {
        node.tagName = 'div';
        stepItems(node);
      }
      for (const key of Object.keys(node.properties)) {
        if (key === 'v-click' || key === 'v-after' || key.startsWith('v-click.')) fragment(node, key);
        const value = String(node.properties[key]);
        if (/^(v-|@|:|#)/.test(key) || /^on/i.test(key) || (/^(href|src|action|formAction)$/.test(key) && /^\s*javascript:/i.test(value))) delete node.properties[key];
      }
      return undefined;
    });
  };
}

/** Each item of the lists inside <v-clicks> is a step (nested lists' items too, as Slidev does by default depth 1). */
function stepItems(node: Element): void {
  const walk = (children: ElementContent[], depth: number) => {
    for (const child of children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'li' && depth === 1) addClass(child, 'fragment');
      walk(child.children, child.tagName === 'ul' || child.tagName === 'ol' ? depth + 1 : depth);
    }
  };
  walk(node.children, 0);
}
