import type { DeckMeta } from '../../shared/types.js';
import { guessLang, parseDuration } from './deck-defaults.js';
import { BuildError, BuildErrorList } from './errors.js';
import { nearMiss } from './near-miss.js';
import { resolveThemeCss } from './theme-css.js';

const THEMES = ['light', 'dark'] as const;
const STRING_FIELDS = ['title', 'author', 'event', 'date', 'lang', 'description'] as const;
/** lists of names: npm packages the build bundles for edited cells, Pyodide packages Python cells load */
const LIST_FIELDS = ['packages', 'pyodide'] as const;
const KNOWN = new Set<string>([...STRING_FIELDS, ...LIST_FIELDS, 'theme', 'duration', 'format', 'packageSizeLimit']);

/** Line of `field:` inside the frontmatter block only: a body line such as "title: …" in prose must not match. */
export function fieldLine(source: string, field: string): number {
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === '---');
  const end = start < 0 ? -1 : lines.findIndex((l, i) => i > start && l.trim() === '---');
  for (let i = start + 1; i > 0 && i < (end < 0 ? lines.length : end); i++) {
    if (lines[i].startsWith(`${field}:`)) return i + 1;
  }
  return 1;
}

export interface FrontmatterOptions {
  /** a deck written for another tool: its own keys and themes are kept and warned about, not refused */
  foreign?: boolean;
  /** what the dialect implies (Marp's theme, mdx-deck's <Head><title>) */
  implied?: { theme?: 'light' | 'dark'; title?: string };
  /** keys the dialect reads itself */
  usedKeys?: string[];
  /** the deck's first heading: the title when the frontmatter has none */
  firstHeading?: string;
  /** the text the language is guessed from when the frontmatter names none */
  text?: string;
  warn?: (message: string, line: number) => void;
}

/**
 * Checks a deck's frontmatter and fills defaults. Every bad field is reported, each at its own line: an author
 * fixing one mistake per build would rebuild once per field. What is missing is filled in from the deck (title
 * from the first heading, language from the text) with a warning; a key we do not use is kept and warned about,
 * unless it is a slip for one we do (`titel`), which is an error saying which.
 */
export function validateFrontmatter(raw: unknown, file: string, source: string, opts: FrontmatterOptions = {}): DeckMeta {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) throw new BuildError('frontmatter must be a YAML mapping', file, 1, 1);
  const warn = opts.warn ?? (() => {});
  const problems: BuildError[] = [];
  const fail = (field: string, message: string): void => {
    problems.push(new BuildError(message, file, fieldLine(source, field), 1));
  };
  const fm = { ...((raw ?? {}) as Record<string, unknown>) };
  const foreignKeys: string[] = [];
  for (const key of Object.keys(fm)) {
    if (KNOWN.has(key) || opts.usedKeys?.includes(key)) continue;
    const meant = nearMiss(key, KNOWN);
    if (meant && !opts.foreign) fail(key, `unknown frontmatter field "${key}": did you mean "${meant}"? (known: ${[...KNOWN].join(', ')})`);
    else foreignKeys.push(key);
  }
  if (foreignKeys.length > 0) warn(`frontmatter field${foreignKeys.length > 1 ? 's' : ''} ${foreignKeys.map((k) => `"${k}"`).join(', ')} kept but not used by kowakunai (it knows ${[...KNOWN].join(', ')})`, fieldLine(source, foreignKeys[0]));
  const text = new Set<string>();
  for (const key of STRING_FIELDS) {
    const value = fm[key];
    if (value instanceof Date) fm[key] = value.toISOString().slice(0, 10);
    else if (value !== undefined && typeof value !== 'string') fail(key, `frontmatter field "${key}" must be text, got ${JSON.stringify(value)}`);
    if (typeof fm[key] === 'string') text.add(key);
  }
  if (fm.title === undefined || fm.title === '') {
    const title = opts.implied?.title ?? opts.firstHeading;
    if (title) {
      fm.title = title;
      warn(`no title in the frontmatter: using ${opts.implied?.title ? 'the <Head> title' : 'the first heading'}, "${title}" (add title: … to choose)`, 1);
    } else fail('title', 'frontmatter field "title" is required (the deck has no heading to take it from)');
  }
  if (fm.lang === undefined || fm.lang === '') {
    fm.lang = guessLang(opts.text ?? source);
    warn(`no lang in the frontmatter: the text reads as ${fm.lang === 'ja' ? 'Japanese' : 'English'}, so lang: ${fm.lang} (add lang: … to choose)`, 1);
  } else if (text.has('lang') && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(fm.lang as string)) {
    fail('lang', `frontmatter field "lang" is not a language tag: "${String(fm.lang)}"`);
  }
  let theme = fm.theme ?? opts.implied?.theme ?? 'light';
  const themeCss = typeof theme === 'string' && !THEMES.includes(theme as (typeof THEMES)[number]) ? resolveThemeCss(theme, file) : undefined;
  if (themeCss) {
    // a stylesheet of the author's: on top of our light theme, whose variables it sets
    fm.themeCss = themeCss;
    theme = 'light';
  } else if (!THEMES.includes(theme as (typeof THEMES)[number])) {
    if (opts.foreign) {
      warn(`theme ${JSON.stringify(theme)} is another tool's; shown with kowakunai's ${opts.implied?.theme ?? 'light'} theme`, fieldLine(source, 'theme'));
      theme = opts.implied?.theme ?? 'light';
    } else fail('theme', `frontmatter field "theme" must be one of ${THEMES.join(', ')}, got ${JSON.stringify(theme)} (or a .css file beside the deck, or an installed theme package)`);
  }
  const duration = parseDuration(fm.duration);
  if (fm.duration !== undefined && (duration === undefined || !Number.isFinite(duration) || duration <= 0 || duration > 24 * 60)) {
    fail('duration', `frontmatter field "duration" must be the talk's length in minutes (40, or 35min, 1h30m), got ${JSON.stringify(fm.duration)}`);
  } else if (duration !== undefined) fm.duration = duration;
  for (const key of LIST_FIELDS) {
    const value = fm[key];
    if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== ''))) {
      fail(key, `frontmatter field "${key}" must be a list of package names, such as [${key === 'pyodide' ? 'numpy' : 'date-fns'}], got ${JSON.stringify(value)}`);
    }
  }
  const limit = fm.packageSizeLimit;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0)) {
    fail('packageSizeLimit', `frontmatter field "packageSizeLimit" must be one package's gzipped size limit in KB (a number such as 2048), got ${JSON.stringify(limit)}`);
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new BuildErrorList(problems);
  const meta = { ...(fm as Omit<DeckMeta, 'theme'>), theme: theme as DeckMeta['theme'] };
  for (const key of [...foreignKeys, ...(opts.usedKeys ?? [])]) delete (meta as Record<string, unknown>)[key];
  return meta;
}
