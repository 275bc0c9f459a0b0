import type { Line } from './text.js';
import type { ForeignWarning } from './types.js';

/** HTML elements that close themselves; any other `<x />` would swallow the rest of the slide in an HTML parser. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Slidev's own tags that become steps (rehype-foreign-html.ts): kept as they are. */
const STEP_TAGS = new Set(['v-click', 'v-clicks', 'v-after']);

const TAG = /<(\/?)([A-Za-z][\w]*(?:-[\w]+)*)((?:\s+[^<>]*?)?)(\/?)>/g;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Vue components a Markdown deck uses (`<Tweet id="…"/>`, `<carbon-logo />`, `<Counter>…</Counter>`): we cannot run
 * them, so each becomes a visible box naming it (with a warning), and a non-void `<x/>` is closed so it does not
 * swallow what follows. Code (fences and `inline code`) is left alone.
 */
export function rewriteVueTags(lines: Line[]): ForeignWarning[] {
  const warnings: ForeignWarning[] = [];
  const warned = new Set<string>();
  for (const line of lines) {
    if (line.code || !line.text.includes('<')) continue;
    const parts = line.text.split(/(`+[^`]*`+)/);
    line.text = parts
      .map((part, i) => {
        if (i % 2 === 1) return part;
        return part.replace(TAG, (whole, slash: string, name: string, attrs: string, self: string, at: number) => {
          const lower = name.toLowerCase();
          const component = /[A-Z]/.test(name[0]) || (name.includes('-') && !STEP_TAGS.has(lower));
          if (!component) return self && !VOID.has(lower) ? `<${name}${attrs}></${name}>` : whole;
          if (!warned.has(name)) {
            warned.add(name);
            warnings.push({ message: `<${name}> is a Vue component; kowakunai shows a placeholder box in its place`, line: line.n, column: at + 1 });
          }
          const box = `<div class="k-foreign-component" data-component="${name}"><span class="k-foreign-label">${escapeHtml(`<${name}>`)}</span>`;
          if (slash) return '</div>';
          return self ? `${box}</div>` : box;
        });
      })
      .join('');
  }
  return warnings;
}
