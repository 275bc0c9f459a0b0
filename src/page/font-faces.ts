/**
 * The deck's own cut of Noto Sans JP for pages that are not the deck — the speaker view's window and the phone
 * remote: their notes are Japanese, and a laptop without a Japanese system font would show empty boxes.
 * Copies the deck page's @font-face rules with their URLs made absolute (nothing is fetched from elsewhere).
 */
export function fontFaceCss(doc: Document, baseUrl: string): string {
  const rules: string[] = [];
  for (const style of doc.querySelectorAll('style')) {
    for (const m of (style.textContent ?? '').matchAll(/@font-face\s*\{[^}]*\}/g)) {
      rules.push(m[0].replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (_all, _q, url: string) => `url("${new URL(url, baseUrl).href}")`));
    }
  }
  return rules.join('\n');
}
