import { blank, join, mdxComments, scanLines, type Line } from './text.js';
import type { ForeignWarning, Prepared } from './types.js';

/** mdx-deck's own layouts (`export default Split`), as ours. */
const LAYOUTS: Record<string, string> = { Split: 'k-split', SplitRight: 'k-split', Invert: 'k-invert', FullScreenCode: 'k-full-code', Horizontal: 'k-split' };

/** The blank line that ends the slide holding line i (before its `---`, or the file's end): where a layout box closes. */
function closeLayout(lines: Line[], i: number): void {
  let end = lines.findIndex((l, j) => j > i && !l.code && /^---\s*$/.test(l.text));
  if (end < 0) end = lines.length;
  for (let j = end - 1; j > i; j--) {
    if (lines[j].text.trim() === '') {
      lines[j].text = '</div>';
      return;
    }
  }
  lines[end - 1].text += '\n\n</div>';
}

const FROM_MDX_DECK = /from\s+['"](mdx-deck|@mdx-deck\/[\w-]+|mdx-deck\/[\w/-]+)['"]/;

/** The line where a statement that starts on `i` ends: brackets balanced, the next line not a continuation. */
function statementEnd(lines: Line[], i: number): number {
  let depth = 0;
  for (let j = i; j < lines.length; j++) {
    for (const ch of lines[j].text) {
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth--;
    }
    if (depth <= 0 && !/[,=+(\[{]\s*$/.test(lines[j].text)) return j;
  }
  return lines.length - 1;
}

/**
 * mdx-deck: slides already split on `---` like ours. Its imports (`from 'mdx-deck'`, its themes) and
 * `export const theme(s)` are blanked — the components are our stand-ins (foreign-components.tsx) and the theme
 * becomes ours; `export default Split` puts the slide's content in our layout's box; HTML comments become MDX
 * comments. `<Head><title>` gives the deck its title.
 */
export function prepareMdxDeck(source: string): Prepared {
  const lines = scanLines(source);
  const warnings: ForeignWarning[] = [];
  const meta: Prepared['meta'] = {};
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.code) continue;
    if (/^import\s/.test(l.text)) {
      const end = statementEnd(lines, i);
      const text = lines.slice(i, end + 1).map((x) => x.text).join('\n');
      if (FROM_MDX_DECK.test(text)) blank(lines, i + 1, end + 1);
      i = end;
    } else if (/^export\s+const\s+themes?\b/.test(l.text)) {
      const end = statementEnd(lines, i);
      const text = lines.slice(i, end + 1).map((x) => x.text).join('\n');
      if (/dark|night|future|comic|condensed|hack|notes|yellow|swiss|poppins/i.test(text) && !/\blight\b/i.test(text)) meta.theme = 'dark';
      blank(lines, i + 1, end + 1);
      i = end;
    } else {
      const m = /^export\s+default\s+([\w$.]+)\s*;?\s*$/.exec(l.text);
      if (!m) continue;
      const layout = LAYOUTS[m[1]];
      if (layout) {
        // the slide's content goes in the layout's box (a <section>'s own display is reveal.js's)
        l.text = `<div class="${layout}">`;
        closeLayout(lines, i);
      } else {
        warnings.push({ message: `layout ${m[1]} (export default) is not one kowakunai knows; the slide uses the default layout`, line: l.n });
        l.text = '';
      }
    }
  }
  mdxComments(lines);
  const title = /<Head>[\s\S]*?<title>([^<]+)<\/title>/.exec(source)?.[1]?.trim();
  if (title) meta.title = title;
  return { dialect: 'mdx-deck', reason: '', text: join(lines), meta, warnings };
}
