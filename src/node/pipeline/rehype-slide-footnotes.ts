import type { Element, ElementContent, Root, RootContent } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * GFM footnotes are written at the end of the document, which in a deck would be an extra slide no one asked for:
 * each footnote goes to the foot of the slide that cites it, before the notes.
 */
export function rehypeSlideFootnotes() {
  return (tree: Root) => {
    const at = tree.children.findIndex((n) => n.type === 'element' && n.tagName === 'section' && 'dataFootnotes' in n.properties);
    if (at < 0) return;
    const block = tree.children[at] as Element;
    tree.children.splice(at, 1);
    const items = new Map<string, Element>();
    visit(block, 'element', (n: Element) => {
      if (n.tagName === 'li' && typeof n.properties.id === 'string') items.set(n.properties.id, n);
    });
    for (const slide of tree.children) {
      if (!isSlide(slide)) continue;
      const cited: Element[] = [];
      visit(slide as Element, 'element', (n: Element) => {
        const href = n.properties?.href;
        const item = n.tagName === 'a' && typeof href === 'string' ? items.get(href.slice(1)) : undefined;
        if (item && !cited.includes(item)) cited.push(item);
      });
      if (cited.length === 0) continue;
      const list: Element = { type: 'element', tagName: 'ol', properties: { className: ['k-footnotes'] }, children: cited };
      const children = (slide as { children: ElementContent[] }).children;
      const notes = children.findIndex((c) => isNotes(c));
      children.splice(notes < 0 ? children.length : notes, 0, list);
    }
  };
}

function isSlide(node: RootContent): boolean {
  return (node.type === 'mdxJsxFlowElement' && node.name === 'section') || (node.type === 'element' && node.tagName === 'section');
}

function isNotes(node: ElementContent): boolean {
  if (node.type === 'element') return node.tagName === 'aside';
  const n = node as { type: string; name?: string };
  return n.type === 'mdxJsxFlowElement' && (n.name === 'aside' || n.name === 'Notes');
}
