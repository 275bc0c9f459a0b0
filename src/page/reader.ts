/**
 * The phone reader: below READER_MAX_WIDTH a deck reads as reflowed text, not as 16:9 pictures shrunk
 * to a third (reveal.js's scroll view). The same static HTML, without reveal.js: slides one under the
 * other at a readable size (reader.css), every step shown, notes folded under each slide, cells
 * runnable as on the projector. The reader lands on the slide of the URL (`#/22`), and the URL follows
 * the slide being read, so turning the phone to a wide screen (a reload into the deck) keeps the place.
 */

/** Under this width (CSS px) the deck is read, not presented. `?view=` (e.g. scroll) opts out. */
export const READER_MAX_WIDTH = 499;
const QUERY = `(max-width: ${READER_MAX_WIDTH}px)`;

export function wantsReader(location: Location, speakerFrame: boolean): boolean {
  return !speakerFrame && !/[?&](print-pdf|view=|receiver)/i.test(location.search) && matchMedia(QUERY).matches;
}

/** The slide index in a reveal.js hash: `#/22` → 22. */
export function slideFromHash(hash: string): number {
  const m = /^#\/(\d+)/.exec(hash);
  return m ? Number(m[1]) : 0;
}

export function startReader(root: HTMLElement, lang: string): HTMLElement[] {
  document.documentElement.classList.add('k-reader');
  const slides = [...root.querySelectorAll<HTMLElement>('.slides > section')];
  const label = lang.toLowerCase().startsWith('ja') ? 'ノート' : 'Notes';
  slides.forEach((slide, i) => {
    slide.hidden = false;
    slide.removeAttribute('aria-hidden');
    slide.id ||= `slide-${i}`;
    for (const f of slide.querySelectorAll('.fragment')) f.classList.add('visible');
    for (const notes of slide.querySelectorAll<HTMLElement>('aside.notes')) {
      const details = document.createElement('details');
      details.className = 'k-reader-notes';
      const summary = document.createElement('summary');
      summary.textContent = label;
      details.append(summary, ...notes.childNodes);
      notes.replaceWith(details);
    }
  });
  const start = slides[Math.min(slideFromHash(location.hash), slides.length - 1)];
  if (start && slideFromHash(location.hash) > 0) landOn(start);
  // a link to another slide (#/40) scrolls there; the reader's own hash updates below use replaceState, which fires no hashchange
  addEventListener('hashchange', () => {
    const to = slides[Math.min(slideFromHash(location.hash), slides.length - 1)];
    if (to) landOn(to);
  });

  // the URL follows the slide at the top of the screen (checked once a frame while scrolling)
  let pending = false;
  addEventListener(
    'scroll',
    () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        const at = slides.findIndex((s) => s.getBoundingClientRect().bottom > 80);
        if (at >= 0 && slideFromHash(location.hash) !== at) history.replaceState(null, '', `#/${at}`);
      });
    },
    { passive: true },
  );
  // a phone turned to a wide screen gets the deck (and a wide window made narrow, the reader)
  matchMedia(QUERY).addEventListener('change', () => location.reload());
  return slides;
}

/**
 * Scrolls to the slide of the link, and again as the slides around it are laid out: off-screen slides are only
 * estimated in size (reader.css: content-visibility), so the first scroll can land a little off once they render.
 * Stops as soon as the reader scrolls, taps or types, so it never fights them.
 */
let landing = 0;

function landOn(slide: HTMLElement): void {
  const mine = ++landing; // a newer landing (another link) ends this one
  let frames = 0;
  let moved = false;
  const stop = (): void => {
    moved = true;
  };
  const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  for (const e of events) addEventListener(e, stop, { once: true, passive: true });
  const again = (): void => {
    if (moved || mine !== landing) return;
    if (Math.abs(slide.getBoundingClientRect().top) > 1) slide.scrollIntoView({ block: 'start' });
    if (++frames < 30) requestAnimationFrame(again);
    else for (const e of events) removeEventListener(e, stop);
  };
  slide.scrollIntoView({ block: 'start' });
  requestAnimationFrame(again);
  void document.fonts.ready.then(() => requestAnimationFrame(again));
}
