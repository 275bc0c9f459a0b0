import { parse } from 'yaml';
import { addClass, blank, comments, headmatter, join, scanLines, unwrapComment } from './text.js';
import { emptySlide, type ForeignWarning, type Prepared, type SlideSpec } from './types.js';

/** Marp's local directives (they carry on to the following slides; `_name` is for one slide only). */
const LOCAL = new Set(['paginate', 'header', 'footer', 'class', 'backgroundColor', 'backgroundImage', 'backgroundPosition', 'backgroundRepeat', 'backgroundSize', 'color', 'transition']);
const GLOBAL = new Set(['theme', 'style', 'headingDivider', 'size', 'math', 'title', 'author', 'description', 'image', 'keywords', 'url', 'marp', 'lang']);

/** A value as Marp's loose YAML reads it: `#ffe` is a colour, not a comment. */
function looseValue(raw: string): unknown {
  const v = raw.trim();
  if (/^(['"]).*\1$/.test(v)) return v.slice(1, -1);
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

/** The comment's directives, when every line of it is `name: value` with a directive's name; else it is a note. */
function directives(body: string): Record<string, unknown> | undefined {
  const found: Record<string, unknown> = {};
  for (const line of body.split('\n').filter((l) => l.trim())) {
    const m = /^\s*(_?[A-Za-z]+)\s*:(.*)$/.exec(line);
    if (!m || !(LOCAL.has(m[1].replace(/^_/, '')) || GLOBAL.has(m[1]))) return undefined;
    found[m[1]] = looseValue(m[2]);
  }
  return Object.keys(found).length > 0 ? found : undefined;
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
