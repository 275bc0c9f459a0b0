import { parse } from 'yaml';
import { addClass, blank, comments, headmatter, join, parseAttributes, scanLines, sectionAttributes } from './text.js';
import { emptySlide, type ForeignWarning, type Prepared, type SlideSpec } from './types.js';

function regex(value: unknown, fallback: RegExp): RegExp {
  if (typeof value !== 'string' || !value) return fallback;
  // reveal-md's separators match the newlines around the line; we match the line itself
  const core = value
    .replace(/(\\r|\r)\??/g, '')
    .replace(/\\n|\n/g, '')
    .replace(/^\^/, '')
    .replace(/\$$/, '');
  try {
    return new RegExp(`^${core}$`);
  } catch {
    return fallback;
  }
}

/**
 * reveal.js Markdown and reveal-md: `---` between slides, `--` or `----` between vertical slides (shown in
 * sequence here), `Note:` starting the notes, `<!-- .slide: … -->` for the slide's attributes. Separators and
 * the notes' marker can be set in the frontmatter (`separator`, `verticalSeparator`, `notesSeparator`).
 * `<!-- .element: … -->` is remark-reveal-attributes.ts's.
 */
export function prepareReveal(source: string, dialect: 'reveal' | 'markdown' = 'reveal'): Prepared {
  const lines = scanLines(source);
  const warnings: ForeignWarning[] = [];
  const head = headmatter(lines);
  let fm: Record<string, unknown> = {};
  if (head) {
    try {
      fm = (parse(head.yaml) as Record<string, unknown>) ?? {};
    } catch {
      /* reported by remarkDeckMeta */
    }
  }
  const horizontal = regex(fm.separator, /^---\s*$/);
  const vertical = regex(fm.verticalSeparator, /^(--|----)\s*$/);
  const notesAt = typeof fm.notesSeparator === 'string' ? new RegExp(fm.notesSeparator, 'i') : /^\s*notes?:/i;
  const bounds: [number, number][] = [];
  let start = head ? head.end + 1 : 1;
  for (const line of lines.slice(start - 1)) {
    if (line.code || !(horizontal.test(line.text) || vertical.test(line.text))) continue;
    bounds.push([start, line.n - 1]);
    blank(lines, line.n);
    start = line.n + 1;
  }
  bounds.push([start, lines.length]);
  const slides: SlideSpec[] = bounds.map(([from, to]) => {
    const slide = emptySlide(from, to);
    for (const c of comments(lines, from, to)) {
      const m = /^\.slide:\s*(.*)$/s.exec(c.body);
      if (!m) continue;
      const attrs = sectionAttributes(parseAttributes(m[1]));
      for (const key of ['data-background', 'data-background-image', 'data-background-video', 'data-background-iframe']) {
        const url = attrs[key];
        if (!url || !/[/.]/.test(url) || /^(#|rgba?\(|hsla?\()/.test(url)) continue;
        // a picture behind the slide is copied beside the deck like any image; reveal.js would fetch it from anywhere
        delete attrs[key];
        if (key.endsWith('video') || key.endsWith('iframe')) {
          warnings.push({ message: `${key}="${url}" is not shown: a deck is presented offline and shows no embedded page or video behind a slide`, line: c.from });
        } else slide.backgrounds.push({ url });
      }
      const cls = attrs.class;
      delete attrs.class;
      Object.assign(slide.attrs, attrs);
      addClass(slide.attrs, cls);
      blank(lines, c.from, c.to);
    }
    const note = lines.slice(from - 1, to).find((l) => !l.code && notesAt.test(l.text));
    if (note) {
      note.text = note.text.replace(notesAt, '').trimStart();
      slide.notes.push([note.n, to]);
    }
    return slide;
  });
  return { dialect, reason: '', text: join(lines), slides, meta: {}, warnings, usedKeys: ['separator', 'verticalSeparator', 'notesSeparator'] };
}
