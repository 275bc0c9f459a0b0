/**
 * Twin decks: one talk in several languages, named `<talk>-<lang>` (asyncio-ja, asyncio-en) and built from slides
 * with the same section ids. Each deck page links its twins, so a reader can switch language at the same slide
 * (src/page/language-switch.ts) and a follower can read the presenter's talk in another language.
 */
const LANG_SUFFIX = /^(.+)-([a-z]{2,3})$/;

export function twinsOf(id: string, allIds: string[]): { id: string; lang: string }[] {
  const m = LANG_SUFFIX.exec(id);
  if (!m) return [];
  return allIds.flatMap((other) => {
    const o = LANG_SUFFIX.exec(other);
    return o && other !== id && o[1] === m[1] ? [{ id: other, lang: o[2] }] : [];
  });
}

export function twinLinkTags(id: string, allIds: string[]): string {
  return twinsOf(id, allIds)
    .map((t) => `<link rel="alternate" hreflang="${t.lang}" href="../${t.id}/index.html" data-twin="${t.id}">\n`)
    .join('');
}
