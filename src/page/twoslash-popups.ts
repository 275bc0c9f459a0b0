/**
 * A twoslash token's popup (shown by CSS on :hover / :focus, src/page/twoslash-styles.ts) opens under its
 * line at the start of the code. When it opens, this moves it under the token — but no further right than the
 * slide's edge allows, and above the line when it would leave the slide at the bottom. Measured on screen and
 * turned into slide pixels, since reveal.js scales the whole slide.
 */
import { injectStyles } from './inject-styles.js';
import { TWOSLASH_CSS } from './twoslash-styles.js';
const TOKEN = '.twoslash .twoslash-hover[tabindex]';
// room between a popup moved above its line and the line
const GAP = 4;

export function keepTwoslashPopupsInside(root: HTMLElement): void {
  injectStyles('k-twoslash-styles', TWOSLASH_CSS);
  const place = (event: Event): void => {
    const token = (event.target as Element | null)?.closest?.(TOKEN);
    const popup = token?.querySelector<HTMLElement>(':scope > .twoslash-popup-container');
    if (!token || !popup) return;
    popup.style.removeProperty('--k-popup-dx');
    popup.style.removeProperty('--k-popup-dy');
    const box = bounds(token);
    const p = popup.getBoundingClientRect();
    if (p.width === 0) return;
    // screen pixels per slide pixel (1 in the phone reader, which does not scale)
    const slides = token.closest<HTMLElement>('.slides');
    const scale = slides && slides.offsetWidth > 0 ? slides.getBoundingClientRect().width / slides.offsetWidth : 1;
    const line = token.getBoundingClientRect();
    let dx = line.left - p.left;
    if (p.right + dx > box.right) dx = box.right - p.right;
    if (p.left + dx < box.left) dx = box.left - p.left;
    let dy = 0;
    if (p.bottom > box.bottom) {
      dy = line.top - GAP - p.bottom;
      if (p.top + dy < box.top) dy = box.top - p.top;
    }
    if (dx) popup.style.setProperty('--k-popup-dx', `${dx / scale}px`);
    if (dy) popup.style.setProperty('--k-popup-dy', `${dy / scale}px`);
  };
  root.addEventListener('mouseover', place);
  root.addEventListener('focusin', place);
}

/** The box a popup must stay in: the slide (1280×720, scaled), or the screen in the phone reader. */
function bounds(token: Element): { left: number; top: number; right: number; bottom: number } {
  const slides = token.closest('.slides');
  if (slides && !document.documentElement.classList.contains('k-reader')) return slides.getBoundingClientRect();
  return { left: 0, top: 0, right: document.documentElement.clientWidth, bottom: innerHeight };
}
