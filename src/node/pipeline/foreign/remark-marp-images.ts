import type { Image, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Marp's image syntax: `![bg](x)` (and `bg left`, `bg right`, `bg contain`) a picture behind the slide, and
 * `![w:200 h:100 a chart](x)` sizes; the keywords leave the alt text.
 */
export function remarkMarpImages() {
  return (tree: Root) => {
    visit(tree, 'image', (node: Image) => {
      const words = (node.alt ?? '').split(/\s+/).filter(Boolean);
      const props: Record<string, unknown> = {};
      const classes: string[] = [];
      const rest: string[] = [];
      let bg = false;
      for (const w of words) {
        const size = /^(w|h|width|height):(\d+(?:\.\d+)?)(px)?$/.exec(w);
        if (w === 'bg') bg = true;
        else if (size) props[size[1].startsWith('w') ? 'width' : 'height'] = size[2];
        else if (bg && ['left', 'right'].includes(w)) classes.push(`k-bg-${w}`);
        else if (bg && ['contain', 'fit'].includes(w)) classes.push('k-bg-contain');
        else if (bg && /^\d+%$|^cover$|^auto$/.test(w)) continue;
        else rest.push(w);
      }
      if (!bg && Object.keys(props).length === 0) return;
      if (bg) classes.unshift('k-bg');
      node.alt = rest.join(' ');
      node.data = { ...node.data, hProperties: { ...props, ...(classes.length ? { className: classes } : {}) } };
    });
  };
}
