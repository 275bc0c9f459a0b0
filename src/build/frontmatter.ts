import type { DeckMeta } from '../shared/types.js';
import { BuildError } from './errors.js';

const THEMES = ['light', 'dark'] as const;
const STRING_FIELDS = ['title', 'author', 'event', 'date', 'lang', 'description'] as const;
const KNOWN = new Set<string>([...STRING_FIELDS, 'theme']);

/**
 * Checks a deck's frontmatter and fills defaults. `line` is where the frontmatter starts,
 * so an error can point at the offending field.
 */
export function validateFrontmatter(raw: unknown, file: string, source: string): DeckMeta {
  const where = (field: string): [number, number] => {
    const lines = source.split(/\r?\n/);
    const i = lines.findIndex((l) => l.startsWith(`${field}:`));
    return i >= 0 ? [i + 1, 1] : [1, 1];
  };
  const fail = (field: string, message: string): never => {
    const [line, column] = where(field);
    throw new BuildError(message, file, line, column);
  };
  if (raw === undefined || raw === null) throw new BuildError('missing frontmatter: a deck starts with ---\\ntitle: …\\nlang: …\\n---', file, 1, 1);
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new BuildError('frontmatter must be a YAML mapping', file, 1, 1);
  const fm = raw as Record<string, unknown>;
  for (const key of Object.keys(fm)) {
    if (!KNOWN.has(key)) fail(key, `unknown frontmatter field "${key}" (known: ${[...KNOWN].join(', ')})`);
  }
  for (const key of STRING_FIELDS) {
    const value = fm[key];
    if (value instanceof Date) fm[key] = value.toISOString().slice(0, 10);
    else if (value !== undefined && typeof value !== 'string') fail(key, `frontmatter field "${key}" must be text, got ${JSON.stringify(value)}`);
  }
  if (!fm.title) fail('title', 'frontmatter field "title" is required');
  if (!fm.lang) fail('lang', 'frontmatter field "lang" is required (a BCP 47 tag such as ja or en)');
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(fm.lang as string)) fail('lang', `frontmatter field "lang" is not a language tag: "${fm.lang}"`);
  const theme = fm.theme ?? 'light';
  if (!THEMES.includes(theme as (typeof THEMES)[number])) fail('theme', `frontmatter field "theme" must be one of ${THEMES.join(', ')}, got "${String(theme)}"`);
  return { ...(fm as Omit<DeckMeta, 'theme'>), theme: theme as DeckMeta['theme'] };
}
