import { parse } from 'yaml';
import { addClass, blank, comments, headmatter, join, scanLines, unwrapComment } from './text.js';
import { emptySlide, type ForeignWarning, type Prepared, type SlideSpec } from './types.js';

/** Marp's local directives (they carry on to the following slides; `_name` is for one slide only). */
const LOCAL = new Set(['paginate', 'header', 'footer', 'class', 'backgroundColor', 'backgroundImage', 'backgroundPosition', 'backgroundRepeat', 'backgroundSize', 'color', 'transition']);
const GLOBAL = new Set(['theme', 'style', 'headingDivider', 'size', 'math', 'title', 'author', 'description', 'image', 'keywords', 'url', 'marp', 'lang']);

function directives(body: string): Record<string, unknown> | undefined {
  try {
    const data = parse(body) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
    const keys = Object.keys(data);
    return keys.length > 0 && keys.every((k) => LOCAL.has(k.replace(/^_/, '')) || GLOBAL.has(k)) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Marp's themes, approximated: gaia is dark on light cream by default (`lead`/`invert` classes aside), uncover light. */
export function marpTheme(theme: unknown): 'light' | 'dark' | undefined {
  if (typeof theme !== 'string') return undefined;
  return /invert|dark|night/i.test(theme) ? 'dark' : 'light';
}

/**
 * Marp: `---` between slides, directives in the frontmatter or in comments (`<!-- _class: lead -->`,
 * `<!-- paginate: true -->`), every other comment a speaker note. `headingDivider: 2` starts a slide at each
 * heading of level 2 or above. Images (`![bg]`, `![w:200]`) are remark-marp-images.ts's.
 */
export function prepareMarp(source: string): Prepared {
  const lines = scanLines(source);
  const warnings: ForeignWarning[] = [];
  const head = headmatter(lines);
  let global: Record<string, unknown> = {};
  if (head) {
    try {
      global = (parse(head.yaml) as Record<string, unknown>) ?? {};
    } catch {
      /* reported by remarkDeckMeta */
    }
  }
  const divider = typeof global.headingDivider === 'number' ? global.headingDivider : 0;
  const bounds: [number, number][] = [];
  let start = head ? head.end + 1 : 1;
  for (const line of lines.slice(start - 1)) {
    if (line.code) continue;
    if (/^---\s*$/.test(line.text)) {
      bounds.push([start, line.n - 1]);
      blank(lines, line.n);
      start = line.n + 1;
    } else if (divider > 0 && /^(#{1,6})\s/.exec(line.text)?.[1].length! <= divider && line.n > start && lines.slice(start - 1, line.n - 1).some((l) => l.text.trim())) {
      bounds.push([start, line.n - 1]);
      start = line.n;
    }
  }
  bounds.push([start, lines.length]);
  const carried: Record<string, unknown> = Object.fromEntries(Object.entries(global).filter(([k]) => LOCAL.has(k)));
  const slides: SlideSpec[] = bounds.map(([from, to]) => {
    const slide = emptySlide(from, to);
    const spot: Record<string, unknown> = {};
    for (const c of comments(lines, from, to)) {
      const found = directives(c.body);
      if (found) {
        for (const [k, v] of Object.entries(found)) {
          if (k.startsWith('_')) spot[k.slice(1)] = v;
          else if (LOCAL.has(k)) carried[k] = v;
          else global[k] = v;
        }
        blank(lines, c.from, c.to);
      } else if (c.alone) {
        unwrapComment(lines, c);
        slide.notes.push([c.from, c.to]);
      }
    }
    const d = { ...carried, ...spot };
    if (typeof d.class === 'string') addClass(slide.attrs, d.class);
    const style = [d.backgroundColor && `background-color: ${String(d.backgroundColor)}`, d.color && `color: ${String(d.color)}`].filter(Boolean).join('; ');
    if (style) slide.attrs.style = style;
    if (d.paginate === true) slide.attrs['data-paginate'] = 'true';
    for (const k of ['header', 'footer'] as const) if (typeof d[k] === 'string') slide.attrs[`data-${k}`] = d[k] as string;
    const bg = typeof d.backgroundImage === 'string' ? /url\(['"]?([^'")]+)['"]?\)/.exec(d.backgroundImage)?.[1] : undefined;
    if (bg) slide.backgrounds.push({ url: bg });
    return slide;
  });
  const theme = marpTheme(global.theme);
  return { dialect: 'marp', reason: '', text: join(lines), slides, meta: theme ? { theme } : {}, warnings, usedKeys: ['marp', 'headingDivider', 'paginate', 'header', 'footer', 'class', 'backgroundColor', 'backgroundImage', 'color'] };
}
