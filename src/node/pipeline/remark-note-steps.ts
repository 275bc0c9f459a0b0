import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';

const MARKER = /^\[click(?::(\d+))?\][ \t]*/;

/**
 * Slidev's `[click]` in speaker notes: the text after the n-th `[click]` belongs to step n (text before any marker
 * to step 0), `[click:3]` jumps to step 3. A paragraph (or a line of one) starting with a marker begins a step.
 * Each step's blocks are wrapped in `<div class="k-note-step" data-note-step="n">`, the marker shown as a small
 * numbered badge; src/page/note-steps.ts lights the current step in the speaker view and on the remote.
 */
export function remarkNoteSteps() {
  return (tree: Root) => {
    visit(tree, 'mdxJsxFlowElement', (node: MdxJsxFlowElement) => {
      if (node.name !== 'Notes') return;
      const blocks: RootContent[] = node.children.flatMap((c): RootContent[] => (c.type === 'paragraph' ? splitAtMarkers(c) : [c]));
      if (!blocks.some((b) => b.type === 'paragraph' && markerOf(b) !== null)) return;
      const groups: { step: number; children: RootContent[] }[] = [{ step: 0, children: [] }];
      for (const block of blocks) {
        const marker = block.type === 'paragraph' ? markerOf(block) : null;
        if (marker !== null) {
          const step = marker ?? groups[groups.length - 1].step + 1;
          groups.push({ step, children: [withBadge(block as Paragraph, step)] });
        } else groups[groups.length - 1].children.push(block);
      }
      node.children = groups.filter((g) => g.children.length > 0).map((g) => stepDiv(g.step, g.children)) as MdxJsxFlowElement['children'];
    });
  };
}

/** undefined for `[click]`, n for `[click:n]`, null when the paragraph does not start with a marker. */
function markerOf(p: Paragraph): number | undefined | null {
  const first = p.children[0];
  const m = first?.type === 'text' ? MARKER.exec(first.value) : null;
  return m ? (m[1] === undefined ? undefined : Number(m[1])) : null;
}

/** A paragraph whose later lines start with a marker, as one paragraph per marker (Slidev reads notes by line). */
function splitAtMarkers(p: Paragraph): Paragraph[] {
  const out: PhrasingContent[][] = [[]];
  for (const child of p.children) {
    if (child.type !== 'text') {
      out[out.length - 1].push(child);
      continue;
    }
    child.value.split(/\n(?=\[click(?::\d+)?\])/).forEach((value, i) => {
      if (i > 0) out.push([]);
      if (value) out[out.length - 1].push({ type: 'text', value });
    });
  }
  return out.filter((c) => c.length > 0).map((children) => ({ type: 'paragraph', children }));
}

/** The marker's text gives way to a badge with the step's number. */
function withBadge(p: Paragraph, step: number): Paragraph {
  const [first, ...rest] = p.children;
  const text = first.type === 'text' ? first.value.replace(MARKER, '') : '';
  const badge: MdxJsxTextElement = {
    type: 'mdxJsxTextElement',
    name: 'span',
    attributes: [
      { type: 'mdxJsxAttribute', name: 'class', value: 'k-note-badge' },
      { type: 'mdxJsxAttribute', name: 'aria-label', value: `step ${step}` },
    ],
    children: [{ type: 'text', value: String(step) }],
  };
  return { ...p, children: [badge, ...(text ? [{ type: 'text' as const, value: text }] : []), ...rest] };
}

function stepDiv(step: number, children: RootContent[]): MdxJsxFlowElement {
  return {
    type: 'mdxJsxFlowElement',
    name: 'div',
    attributes: [
      { type: 'mdxJsxAttribute', name: 'class', value: 'k-note-step' },
      { type: 'mdxJsxAttribute', name: 'data-note-step', value: String(step) },
    ],
    children: children as MdxJsxFlowElement['children'],
  };
}
