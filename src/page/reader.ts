/**
 * The phone reader: below READER_MAX_WIDTH a deck reads as reflowed text, not as 16:9 pictures shrunk
 * to a third (reveal.js's scroll view). The same static HTML, without reveal.js: slides one under the
 * other at a readable size (reader.css), every step shown, notes folded under each slide, cells
 * runnable as on the projector. The reader lands on the slide of the URL (`#/22`), and the URL follows
 * the slide being read, so turning the phone to a wide screen (a reload into the deck) keeps the place.
 */

// whether a page is read (wantsReader) is decided in reader-query.ts: this module is its own chunk, fetched by phones only
export { READER_MAX_WIDTH, wantsReader } from './reader-query.js';
import { READER_QUERY } from './reader-query.js';

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
  if (start && slideFromHash(location.hash) > 0) scrollToSlide(start);
  // a link to another slide (#/40) scrolls there; the reader's own hash updates below use replaceState, which fires no hashchange
  // (the event's own URL: by the time it runs, the scroll tracker below may have rewritten location.hash)
  addEventListener('hashchange', (e) => {
    const to = slides[Math.min(slideFromHash(new URL(e.newURL).hash), slides.length - 1)];
    if (to) scrollToSlide(to);
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
  matchMedia(READER_QUERY).addEventListener('change', () => location.reload());
  return slides;
}

/**
 * Scrolls to the slide of the link, and again whenever the page's layout changes under it: off-screen slides
 * are only estimated in size (reader.css: content-visibility), and fonts, cells and slides near the screen
 * settle their real sizes after the first scroll, sooner or later depending on the machine. Stops at the
 * reader's first scroll of their own (wheel, touch, key, pointer), at a newer landing, or after 10 s.
 */
let landing = 0;

export function scrollToSlide(slide: HTMLElement): void {
  const mine = ++landing;
  const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  const sizes = new ResizeObserver(() => place());
  const done = (): void => {
    sizes.disconnect();
    for (const e of events) removeEventListener(e, done);
  };
  function place(): void {
    if (mine !== landing) return done();
    if (Math.abs(slide.getBoundingClientRect().top) > 1) slide.scrollIntoView({ block: 'start' });
  }
  for (const e of events) addEventListener(e, done, { once: true, passive: true });
  slide.scrollIntoView({ block: 'start' });
  // the slides' container grows or shrinks with any slide above; the slide itself as its content settles
  sizes.observe(slide.parentElement ?? slide);
  sizes.observe(slide);
  void document.fonts.ready.then(place);
  setTimeout(done, 10_000);
}
