import { parse, stringify } from 'yaml';
import { guessLang } from '../deck-defaults.js';
import { prepareDeck } from './index.js';
import { headmatter, scanLines } from './text.js';
import type { Prepared, SlideSpec } from './types.js';

/** Our layouts for theirs (the layout classes the pre-passes give), as kowakunai writes them. */
const LAYOUT_TAGS: Record<string, string> = { 'layout-title': 'title', lead: 'title', 'layout-center': 'center', 'layout-end': 'center', 'layout-fact': 'center', 'layout-section': 'title', 'layout-quote': 'center' };
const VOID = /<(br|hr|img|input|source|wbr)\b([^>]*?)\s*\/?>/gi;

export interface Imported {
  mdx: string;
  dialect: Prepared['dialect'];
  /** what could not be carried over, for the author to look at */
  notes: string[];
}

/**
 * A deck of another tool as an idiomatic kowakunai MDX deck, for an author who moves for good: frontmatter with
 * title and lang, `---` between slides, <Notes>, <Step>, <SlideMeta layout>, <Columns>. Reads the deck with the
 * same pre-pass as the build (prepareDeck), so what `import` writes is what `build` showed.
 */
export function toKowakunaiMdx(path: string, source: string, from?: string): Imported {
  const prepared = prepareDeck(path, source, from);
  const notes: string[] = [];
  if (prepared.dialect === 'kowakunai') throw new Error(`${path} is already a kowakunai deck`);
  const lines = prepared.text.split('\n');
  const head = headmatter(scanLines(source));
  let fm: Record<string, unknown> = {};
  try {
    fm = head ? ((parse(head.yaml) as Record<string, unknown>) ?? {}) : {};
  } catch {
    notes.push('the frontmatter is not valid YAML: it was left out');
  }
  const body = head ? lines.slice(head.end) : lines;
  const heading = /^#{1,6}\s+(.+)$/m.exec(body.filter((l) => !l.startsWith('import ') && !l.startsWith('export ')).join('\n'))?.[1];
  const meta: Record<string, unknown> = {
    title: typeof fm.title === 'string' ? fm.title : (prepared.meta.title ?? heading?.trim() ?? 'Untitled'),
    lang: typeof fm.lang === 'string' ? fm.lang : guessLang(body.join('\n')),
  };
  for (const key of ['author', 'date', 'event', 'description', 'duration'] as const) if (fm[key] !== undefined) meta[key] = fm[key];
  const theme = fm.theme === 'dark' || fm.theme === 'light' ? fm.theme : prepared.meta.theme;
  if (theme) meta.theme = theme;
  const dropped = Object.keys(fm).filter((k) => !(k in meta) && k !== 'theme');
  if (dropped.length) notes.push(`frontmatter keys of ${prepared.dialect} left out: ${dropped.join(', ')}`);
  const front = `---\n${stringify(meta).trimEnd()}\n---\n`;
  const slides = prepared.slides ? prepared.slides.map((s) => slideMdx(lines, s, notes)) : mdxDeckSlides(body, notes);
  return { mdx: `${front}\n${slides.filter((s) => s.trim()).join('\n\n---\n\n')}\n`, dialect: prepared.dialect, notes };
}

function slideMdx(lines: string[], spec: SlideSpec, notes: string[]): string {
  const inNotes = (n: number) => spec.notes.some(([a, b]) => n >= a && n <= b);
  const bodyLines: string[] = [];
  const noteLines: string[] = [];
  for (let n = spec.start; n <= spec.end; n++) (inNotes(n) ? noteLines : bodyLines).push(lines[n - 1] ?? '');
  const out: string[] = [];
  const classes = (spec.attrs.class ?? '').split(/\s+/).filter(Boolean);
  const layout = classes.map((c) => LAYOUT_TAGS[c]).find(Boolean);
  if (layout === 'center') out.push('<SlideMeta layout="center" />', '');
  const other = classes.filter((c) => !LAYOUT_TAGS[c] && c !== 'layout-two-cols');
  if (other.length) notes.push(`slide at line ${spec.start}: classes ${other.join(' ')} have no kowakunai counterpart`);
  for (const b of spec.backgrounds) out.push(`![background](${b.url})`, '');
  let text = mdxSafe(bodyLines.join('\n'), notes, spec.start);
  if (spec.columns.length > 0) {
    const at = spec.columns.map((n) => n - spec.start);
    const parts: string[][] = [[]];
    bodyLines.forEach((_, i) => {
      if (at.includes(i)) parts.push([]);
      parts.at(-1)!.push(text.split('\n')[i] ?? '');
    });
    text = `<Columns>\n${parts.map((p) => `<Column>\n\n${p.join('\n').trim()}\n\n</Column>`).join('\n')}\n</Columns>`;
  }
  out.push(layout === 'title' ? `<TitleSlide>\n\n${text.trim()}\n\n</TitleSlide>` : text.trim());
  const said = mdxSafe(noteLines.join('\n'), notes, spec.start).trim();
  if (said) out.push('', '<Notes>', '', said, '', '</Notes>');
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Markdown with raw HTML as MDX accepts it: comments as MDX comments, void tags closed, steps as <Step>. */
function mdxSafe(text: string, notes: string[], line: number): string {
  let t = text.replace(/<!--([\s\S]*?)-->/g, (_m, c: string) => `{/*${c.replace(/\*\//g, '* /')}*/}`);
  t = t.replace(VOID, (_m, tag: string, attrs: string) => `<${tag}${attrs} />`);
  t = t.replace(/<v-clicks>([\s\S]*?)<\/v-clicks>/g, (_m, inner: string) => inner.replace(/^(\s*(?:[-*+]|\d+[.)])\s+)(.+)$/gm, '$1<Step as="span">$2</Step>'));
  t = t.replace(/<v-(click|after)>/g, '<Step>').replace(/<\/v-(click|after)>/g, '</Step>');
  t = t.replace(/^(.*?)<(\w+)([^>]*?)\sv-click\b(?:="[^"]*")?([^>]*)>(.*)<\/\2>\s*$/gm, '$1<Step><$2$3$4>$5</$2></Step>');
  // reveal.js: `- item <!-- .element: class="fragment" -->` (already an MDX comment here)
  t = t.replace(/^(\s*(?:[-*+]|\d+[.)])\s+)(.+?)\s*\{\/\*\s*\.element:\s*class="fragment"\s*\*\/\}\s*$/gm, '$1<Step as="span">$2</Step>');
  t = t.replace(/^(?![-*+\d])(\S.*?)\s*\{\/\*\s*\.element:\s*class="fragment"\s*\*\/\}\s*$/gm, '<Step>\n\n$1\n\n</Step>');
  t = t.replace(/\s(@[\w.:-]+|:[\w.-]+|v-[\w.:-]+)(="[^"]*")?(?=[\s/>])/g, () => '');
  // Marp's image keywords: sizes as attributes, bg as a plain picture
  t = t.replace(/!\[([^\]]*)\]\(([^)]+)\)/g, (whole, alt: string, url: string) => {
    const words = alt.split(/\s+/).filter(Boolean);
    const size = words.map((w) => /^(w|h|width|height):(\d+)/.exec(w)).filter(Boolean) as RegExpExecArray[];
    const rest = words.filter((w) => !/^(w|h|width|height):\d+/.test(w) && !/^(bg|left|right|contain|cover|fit|\d+%)$/.test(w)).join(' ');
    if (words[0] === 'bg') return `![${rest || 'background'}](${url})`;
    if (size.length === 0) return whole;
    const attrs = size.map((m) => ` ${m[1].startsWith('w') ? 'width' : 'height'}="${m[2]}"`).join('');
    return `<img src="${url}" alt="${rest}"${attrs} />`;
  });
  if (/<[A-Z][\w]*[\s>/]/.test(t.replace(/<(Step|Notes|Columns|Column|SlideMeta|TitleSlide)\b/g, ''))) {
    notes.push(`slide at line ${line}: a component of the other tool is left as it was: import one of yours or remove it`);
  }
  return t;
}

/** mdx-deck's slides are already MDX: its own components become ours where there is one. */
function mdxDeckSlides(body: string[], notes: string[]): string[] {
  let t = body.join('\n');
  t = t.replace(/<Head>[\s\S]*?<\/Head>\s*/g, '');
  t = t.replace(/<(Steps|Appear)>([\s\S]*?)<\/\1>/g, (_m, _tag: string, inner: string) =>
    inner
      .split('\n')
      .map((l) => (l.trim() ? `<Step>${l.trim()}</Step>` : l))
      .join('\n'),
  );
  t = t.replace(/<Split>/g, '<Columns>').replace(/<\/Split>/g, '</Columns>');
  t = t.replace(/<Invert>/g, '<div class="k-invert">').replace(/<\/Invert>/g, '</div>');
  if (/<(Image|FullScreenCode|Box|Flex)\b/.test(t)) notes.push('mdx-deck components without a kowakunai counterpart (Image, FullScreenCode, Box, Flex) are left as they were');
  return t.split(/\n---\n/).map((s) => s.trim());
}
