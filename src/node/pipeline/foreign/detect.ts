import { parse } from 'yaml';
import { headmatter, scanLines } from './text.js';
import type { Dialect } from './types.js';

const SLIDEV_KEYS = ['layout', 'highlighter', 'drawings', 'transition', 'mdc', 'info', 'colorSchema', 'routerMode', 'aspectRatio', 'canvasWidth', 'fonts', 'background', 'class', 'addons', 'seoMeta'];
const REVEAL_KEYS = ['revealOptions', 'separator', 'verticalSeparator', 'notesSeparator', 'highlightTheme'];

/**
 * Which tool a deck was written for, from its file name, frontmatter and markup — each answer with the evidence,
 * which the build prints: a deck is never silently read as something else. `from` (the CLI's --from or the
 * frontmatter's `format:`) overrides.
 */
export function detectDialect(path: string, source: string, from?: string): { dialect: Dialect; reason: string } {
  const lines = scanLines(source);
  const head = headmatter(lines);
  let fm: Record<string, unknown> = {};
  try {
    fm = head ? ((parse(head.yaml) as Record<string, unknown>) ?? {}) : {};
  } catch {
    fm = {};
  }
  const chosen = from ?? (typeof fm.format === 'string' ? fm.format : undefined);
  if (chosen) {
    const d = chosen === 'reveal-md' ? 'reveal' : chosen;
    if (['kowakunai', 'markdown', 'slidev', 'marp', 'reveal', 'mdx-deck'].includes(d)) return { dialect: d as Dialect, reason: `asked for (${from ? '--from' : 'format:'} ${chosen})` };
  }
  const body = lines.filter((l) => !l.code).map((l) => l.text).join('\n');
  if (path.endsWith('.mdx')) {
    if (/from\s+['"](mdx-deck|@mdx-deck\/)/.test(body)) return { dialect: 'mdx-deck', reason: "imports from 'mdx-deck'" };
    if (/^export\s+const\s+themes?\b/m.test(body)) return { dialect: 'mdx-deck', reason: 'export const theme' };
    if (!head && /<(Head|Appear|Steps|Split|Invert)\b/.test(body)) return { dialect: 'mdx-deck', reason: 'no frontmatter, mdx-deck components' };
    return { dialect: 'kowakunai', reason: '.mdx' };
  }
  if (fm.marp === true) return { dialect: 'marp', reason: 'frontmatter marp: true' };
  const slidevKey = SLIDEV_KEYS.find((k) => k in fm);
  if (slidevKey) return { dialect: 'slidev', reason: `frontmatter key ${slidevKey}:` };
  const revealKey = REVEAL_KEYS.find((k) => k in fm);
  if (revealKey) return { dialect: 'reveal', reason: `frontmatter key ${revealKey}:` };
  const marpDirective = /<!--\s*_?(paginate|class|backgroundColor|backgroundImage|header|footer|headingDivider)\s*:/.exec(body);
  if (marpDirective) return { dialect: 'marp', reason: `Marp directive <!-- ${marpDirective[1]}: -->` };
  const slidevMark = /(<v-clicks?\b|\sv-click\b|^::right::|^---\n(layout|class|background):)/m.exec(body);
  if (slidevMark) return { dialect: 'slidev', reason: `Slidev markup ${slidevMark[0].trim().split('\n')[0]}` };
  const revealMark = /(<!--\s*\.(slide|element):|^\s*notes?:|^--$|^----$)/im.exec(body);
  if (revealMark) return { dialect: 'reveal', reason: `reveal.js markup ${revealMark[0].trim()}` };
  return { dialect: 'markdown', reason: '.md without another tool\'s markup' };
}
