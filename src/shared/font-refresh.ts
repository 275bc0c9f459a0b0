/**
 * Chromium keeps text that was laid out before a unicode-range face arrived in its fallback font: the
 * Japanese in a code block (whose first font is a Latin monospace) stays tofu, on screen and in the
 * PDF, though the Japanese face is loaded. A restyle after each batch of faces lays it out again.
 * Kept as source text too: the handout, a page without the deck's script, inlines it.
 */
export function refreshTextWhenFontsLoad(doc: Document): void {
  doc.fonts.addEventListener('loadingdone', () => doc.documentElement.classList.toggle('k-fonts-relaid'));
}

/** The same, as a classic inline script for pages without a bundle. */
export const FONT_REFRESH_SCRIPT =
  "document.fonts.addEventListener('loadingdone',()=>document.documentElement.classList.toggle('k-fonts-relaid'));";
