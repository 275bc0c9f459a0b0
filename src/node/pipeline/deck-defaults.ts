/**
 * What a deck without (complete) frontmatter gets instead of a refusal: most decks written for other tools have
 * none, and their title and language are plain to see in the text.
 */

/** Japanese when the text has kana or kanji (kanji alone could be Chinese, but kana-less decks here are rare), else English. */
export function guessLang(text: string): 'ja' | 'en' {
  return /[\u3040-\u30ff]/.test(text) || /[\u4e00-\u9fff]/.test(text) ? 'ja' : 'en';
}

/** `35`, `35min`, `35 min`, `35m`, `1h`, `1h30m`, `1:30` (hours:minutes) → minutes; undefined when it is none of these. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const s = value.trim().toLowerCase();
  let m = /^(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?)?$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(\d+(?:\.\d+)?)\s*(h|hours?)\s*(?:(\d+)\s*(m|min|mins|minutes?)?)?$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[3] ?? 0);
  m = /^(\d+):([0-5]\d)$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  return undefined;
}
