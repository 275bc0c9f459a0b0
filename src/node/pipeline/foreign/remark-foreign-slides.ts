import type { Image, Paragraph, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { SlideSpec } from './types.js';

const MODULE_LEVEL = new Set(['yaml', 'toml', 'mdxjsEsm']);
const CENTRED = /(^|\s)(layout-(title|section|fact|quote|end)|lead)(\s|$)/;

/**
 * The slides of a foreign deck, cut where its dialect's pre-pass says (by line, so a `---` of theirs that is not
 * a slide break, or Slidev's per-slide frontmatter, never reaches the tree as a break): one <section> each, its
 * notes in <aside class="notes">, its columns (Slidev's ::right::) in our column wrappers.
 */
export function remarkForeignSlides(options: { slides: SlideSpec[] }) {
  return (tree: Root) => {
    const moduleNodes: RootContent[] = [];
    const groups = options.slides.map(() => ({ body: [] as RootContent[], notes: [] as RootContent[] }));
    for (const node of tree.children) {
      if (MODULE_LEVEL.has(node.type)) {
        moduleNodes.push(node);
        continue;
      }
      const line = node.position?.start.line ?? 0;
      const i = options.slides.findIndex((s) => line >= s.start && line <= s.end);
      if (i < 0) continue;
      const inNotes = options.slides[i].notes.some(([a, b]) => line >= a && line <= b);
      groups[i][inNotes ? 'notes' : 'body'].push(node);
    }
    const sections: MdxJsxFlowElement[] = [];
    options.slides.forEach((spec, i) => {
      const { body, notes } = groups[i];
      if (body.length === 0 && notes.length === 0 && spec.backgrounds.length === 0) return;
      const content = columns(body, spec.columns);
      // a layout that centres the slide's content needs a box of its own: reveal.js owns the section's display
      const centred = CENTRED.test(spec.attrs.class ?? '') ? [element('div', { class: 'k-centered' }, content)] : content;
      const children: RootContent[] = [...spec.backgrounds.map(background), ...centred];
      if (notes.length > 0) children.push(element('aside', { class: 'notes' }, notes));
      const section = element('section', { 'data-slide': String(sections.length + 1), ...spec.attrs }, children);
      const first = [...body, ...notes][0]?.position;
      const last = [...body, ...notes].at(-1)?.position;
      if (first && last) section.position = { start: first.start, end: last.end };
      sections.push(section);
    });
    tree.children = [...moduleNodes, ...sections];
  };
}

function columns(nodes: RootContent[], starts: number[]): RootContent[] {
  if (starts.length === 0) return nodes;
  const cols: RootContent[][] = [[]];
  const sorted = [...starts].sort((a, b) => a - b);
  for (const node of nodes) {
    const line = node.position?.start.line ?? 0;
    while (cols.length <= sorted.length && line > sorted[cols.length - 1]) cols.push([]);
    cols[cols.length - 1].push(node);
  }
  return [element('div', { class: 'k-columns' }, cols.map((c) => element('div', { class: 'k-column' }, c)))];
}

/** A picture the dialect put behind the slide (decorative: remarkAssets copies it and asks for no alt text). */
function background(b: SlideSpec['backgrounds'][number]): Paragraph {
  const image: Image = { type: 'image', url: b.url, alt: '', data: { hProperties: { className: ['k-bg', ...(b.side ? [`k-bg-${b.side}`] : [])] } } };
  return { type: 'paragraph', children: [image] };
}

export function element(name: string, attrs: Record<string, string>, children: RootContent[]): MdxJsxFlowElement {
  const attributes: MdxJsxAttribute[] = Object.entries(attrs).map(([k, v]) => ({ type: 'mdxJsxAttribute', name: k, value: v }));
  return { type: 'mdxJsxFlowElement', name, attributes, children: children as MdxJsxFlowElement['children'] };
}
