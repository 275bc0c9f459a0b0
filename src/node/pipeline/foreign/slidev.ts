import { parse } from 'yaml';
import { addClass, blank, comments, headmatter, join, scanLines, unwrapComment, type Line } from './text.js';
import { emptySlide, type ForeignWarning, type Prepared, type SlideSpec } from './types.js';
import { rewriteVueTags } from './vue-tags.js';

/** Slidev's layouts, as our layout classes (src/page/styles/foreign.css). */
const LAYOUTS: Record<string, string> = {
  cover: 'layout-title',
  intro: 'layout-title',
  center: 'layout-center',
  section: 'layout-section',
  quote: 'layout-quote',
  fact: 'layout-fact',
  statement: 'layout-fact',
  end: 'layout-center layout-end',
  default: '',
  'two-cols': 'layout-two-cols',
  'two-cols-header': 'layout-two-cols',
  'image-right': 'layout-two-cols',
  'image-left': 'layout-two-cols',
  image: '',
  full: '',
  none: '',
};

const SEPARATOR = /^---\s*$/;

/** The lines after a separator, up to the next `---`, when they are a YAML mapping: that slide's frontmatter. */
function slideFrontmatter(lines: Line[], at: number): { end: number; data: Record<string, unknown> } | undefined {
  const close = lines.findIndex((l, i) => i > at && !l.code && SEPARATOR.test(l.text));
  if (close < 0 || close === at + 1) return undefined;
  const body = lines.slice(at + 1, close);
  if (!body.every((l) => !l.code && (l.text.trim() === '' || /^(\s+|#|-\s|[\w-]+\s*:)/.test(l.text)))) return undefined;
  try {
    const data = parse(body.map((l) => l.text).join('\n')) as unknown;
    if (data && typeof data === 'object' && !Array.isArray(data)) return { end: close + 1, data: data as Record<string, unknown> };
  } catch {
    /* not frontmatter: an ordinary slide that happens to start with a colon */
  }
  return undefined;
}

/**
 * Slidev: `---` between slides, a slide's own frontmatter right after its separator (layout, class, background),
 * the slide's last HTML comment as its notes, `::right::` starting the second column, v-click as steps (rehype).
 */
export function prepareSlidev(source: string): Prepared {
  const lines = scanLines(source);
  const warnings: ForeignWarning[] = [];
  const slides: SlideSpec[] = [];
  const head = headmatter(lines);
  let fm: Record<string, unknown> = {};
  if (head) {
    try {
      fm = (parse(head.yaml) as Record<string, unknown>) ?? {};
    } catch {
      /* the deck's frontmatter is checked (and its error reported) by remarkDeckMeta */
    }
  }
  let start = head ? head.end + 1 : 1;
  let i = start - 1;
  const close = (end: number) => {
    slides.push(configure(emptySlide(start, end), fm, lines, warnings));
  };
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.code || !SEPARATOR.test(line.text)) continue;
    close(i);
    blank(lines, i + 1);
    const own = slideFrontmatter(lines, i);
    fm = own?.data ?? {};
    if (own) {
      blank(lines, i + 2, own.end);
      i = own.end - 1;
    }
    start = i + 2;
  }
  close(lines.length);
  for (const s of slides) slideNotes(lines, s);
  warnings.push(...rewriteVueTags(lines));
  return { dialect: 'slidev', reason: '', text: join(lines), slides, meta: {}, warnings, usedKeys: ['layout', 'class', 'background', 'image'] };
}

function configure(slide: SlideSpec, fm: Record<string, unknown>, lines: Line[], warnings: ForeignWarning[]): SlideSpec {
  const layout = typeof fm.layout === 'string' ? fm.layout : undefined;
  if (layout !== undefined) {
    if (layout in LAYOUTS) addClass(slide.attrs, LAYOUTS[layout]);
    else warnings.push({ message: `Slidev layout "${layout}" has no kowakunai counterpart; the slide uses the default layout`, line: slide.start });
  }
  if (typeof fm.class === 'string') addClass(slide.attrs, fm.class);
  for (const key of ['background', 'image'] as const) {
    const url = fm[key];
    if (typeof url !== 'string' || !url) continue;
    // image-right: the picture takes the right half; a background fills the slide
    const side = key === 'image' ? (layout === 'image-left' ? 'left' : 'right') : undefined;
    slide.backgrounds.push({ url, side });
  }
  for (let n = slide.start; n <= slide.end; n++) {
    const l = lines[n - 1];
    if (!l.code && /^::(right|left|default|bottom)::\s*$/.test(l.text.trim())) {
      if (!/^::default::/.test(l.text.trim())) slide.columns.push(n);
      l.text = '';
    }
  }
  return slide;
}

/** Slidev's rule: the comment that ends a slide is its notes; other comments are hidden. */
function slideNotes(lines: Line[], slide: SlideSpec): void {
  const found = comments(lines, slide.start, slide.end);
  const last = found.at(-1);
  if (!last?.alone) return;
  const after = lines.slice(last.to, slide.end);
  if (after.some((l) => l.text.trim() !== '')) return;
  if (/^\s*\[click(:\d+)?\]/.test(last.body) || last.body.trim()) {
    unwrapComment(lines, last);
    // `[click]` marks where the speaker clicks; the notes read on without the marker
    for (let n = last.from; n <= last.to; n++) lines[n - 1].text = lines[n - 1].text.replace(/\[click(:\d+)?\]\s*/g, '');
    slide.notes.push([last.from, last.to]);
  }
}
