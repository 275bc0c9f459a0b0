import type { Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { BuildError } from './errors.js';

/** Nodes that belong to the module, not to a slide. */
const MODULE_LEVEL = new Set(['yaml', 'toml', 'mdxjsEsm']);

/**
 * Splits a deck into slides on `---` (thematic breaks at the top level of the tree, so a `---`
 * inside a code fence or a JSX block is never a break) and wraps each slide in a <section>.
 * A <SlideMeta …/> inside a slide moves its attributes onto that section.
 */
export function remarkSplitSlides() {
  return (tree: Root, file: VFile) => {
    const moduleNodes: RootContent[] = [];
    const slides: RootContent[][] = [[]];
    let lastBreak: RootContent | null = null;
    for (const node of tree.children) {
      if (MODULE_LEVEL.has(node.type)) moduleNodes.push(node);
      else if (node.type === 'thematicBreak') {
        // Two separators in a row would make a blank slide the presenter clicks through: almost always a slip.
        if (lastBreak && slides[slides.length - 1].length === 0) {
          const at = node.position?.start;
          const first = lastBreak.position?.start.line;
          throw new BuildError(`empty slide: two slide separators (---) in a row (the other one is on line ${first}); remove one`, file.path, at?.line, at?.column);
        }
        lastBreak = node;
        slides.push([]);
      } else slides[slides.length - 1].push(node);
    }
    const nonEmpty = slides.filter((s) => s.length > 0);
    tree.children = [...moduleNodes, ...nonEmpty.map((children, i) => section(children, i))];
  };
}

function section(children: RootContent[], index: number): MdxJsxFlowElement {
  const attributes: MdxJsxAttribute[] = [attr('data-slide', String(index + 1))];
  const kept: RootContent[] = [];
  for (const child of children) {
    if (child.type === 'mdxJsxFlowElement' && child.name === 'SlideMeta') {
      for (const a of child.attributes) {
        if (a.type !== 'mdxJsxAttribute' || typeof a.value !== 'string') continue;
        if (a.name === 'section') attributes.push(attr('data-section', a.value));
        else if (a.name === 'layout') attributes.push(attr('class', `layout-${a.value}`));
        else attributes.push(attr(a.name.startsWith('data-') ? a.name : `data-${a.name}`, a.value));
      }
    } else kept.push(child);
  }
  return {
    type: 'mdxJsxFlowElement',
    name: 'section',
    attributes,
    children: kept as MdxJsxFlowElement['children'],
    position: children[0]?.position && { start: children[0].position.start, end: children.at(-1)!.position!.end },
  };
}

function attr(name: string, value: string): MdxJsxAttribute {
  return { type: 'mdxJsxAttribute', name, value };
}
