import type { DeckMeta } from '../../shared/types.js';
import { BuildError, BuildErrorList } from './errors.js';

const THEMES = ['light', 'dark'] as const;
const STRING_FIELDS = ['title', 'author', 'event', 'date', 'lang', 'description'] as const;
/** lists of names: npm packages the build bundles for edited cells, Pyodide packages Python cells load */
const LIST_FIELDS = ['packages', 'pyodide'] as const;
const KNOWN = new Set<string>([...STRING_FIELDS, ...LIST_FIELDS, 'theme', 'duration', 'packageSizeLimit']);

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

/**
 * Checks a deck's frontmatter and fills defaults. Every bad field is reported, each at its own line: an author
 * fixing one mistake per build would rebuild once per field.
 */
export function validateFrontmatter(raw: unknown, file: string, source: string): DeckMeta {
  if (raw === undefined || raw === null) throw new BuildError('missing frontmatter: a deck starts with ---\\ntitle: …\\nlang: …\\n---', file, 1, 1);
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new BuildError('frontmatter must be a YAML mapping', file, 1, 1);
  const problems: BuildError[] = [];
  const fail = (field: string, message: string): void => {
    problems.push(new BuildError(message, file, fieldLine(source, field), 1));
  };
  const fm = raw as Record<string, unknown>;
  for (const key of Object.keys(fm)) {
    if (!KNOWN.has(key)) fail(key, `unknown frontmatter field "${key}" (known: ${[...KNOWN].join(', ')})`);
  }
  const text = new Set<string>();
  for (const key of STRING_FIELDS) {
    const value = fm[key];
    if (value instanceof Date) fm[key] = value.toISOString().slice(0, 10);
    else if (value !== undefined && typeof value !== 'string') fail(key, `frontmatter field "${key}" must be text, got ${JSON.stringify(value)}`);
    if (typeof fm[key] === 'string') text.add(key);
  }
  if (!fm.title && !problems.some((p) => p.message.includes('"title"'))) fail('title', 'frontmatter field "title" is required');
  if (fm.lang === undefined || fm.lang === '') fail('lang', 'frontmatter field "lang" is required (a BCP 47 tag such as ja or en)');
  else if (text.has('lang') && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(fm.lang as string)) {
    fail('lang', `frontmatter field "lang" is not a language tag: "${String(fm.lang)}"`);
  }
  const theme = fm.theme ?? 'light';
  if (!THEMES.includes(theme as (typeof THEMES)[number])) fail('theme', `frontmatter field "theme" must be one of ${THEMES.join(', ')}, got ${JSON.stringify(theme)}`);
  const duration = fm.duration;
  if (duration !== undefined && (typeof duration !== 'number' || !Number.isFinite(duration) || duration <= 0 || duration > 24 * 60)) {
    fail('duration', `frontmatter field "duration" must be the talk's length in minutes (a number such as 40), got ${JSON.stringify(duration)}`);
  }
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
  return { ...(fm as Omit<DeckMeta, 'theme'>), theme: theme as DeckMeta['theme'] };
}
