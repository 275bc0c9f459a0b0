/**
 * A deck's place as sections and steps (src/shared/follow-protocol.ts): the same place in a twin deck in another
 * language is the slide with the same `data-section` and the same rank within it, at the same step.
 */
import type { RevealApi } from 'reveal.js';
import type { DeckPosition } from '../shared/follow-protocol.js';
import { TWIN_CHOSEN } from './twins.js';

export function positionOf(deck: RevealApi): DeckPosition {
  const slide = deck.getCurrentSlide() as HTMLElement | undefined;
  const { h, v, f } = deck.getIndices();
  const section = slide?.dataset.section ?? '';
  const same = deck.getSlides().filter((s) => ((s as HTMLElement).dataset.section ?? '') === section);
  const demo = slide?.querySelector<HTMLElement>('.k-twins > [data-twin]:not([hidden])')?.dataset.twin;
  return { section, nth: slide ? Math.max(0, same.indexOf(slide)) : 0, h, v: v ?? 0, f: f ?? -1, ...(demo ? { demo } : {}) };
}

/** The slide of `pos` among `slides`, by section and rank; undefined when no slide has its section. */
export function slideInSection(slides: HTMLElement[], pos: DeckPosition): HTMLElement | undefined {
  if (!pos.section) return undefined;
  const same = slides.filter((s) => s.dataset.section === pos.section);
  return same.length ? same[Math.min(pos.nth, same.length - 1)] : undefined;
}

/** The slide of `pos` in this deck: by section and rank, else by the presenter's indices. */
function slideAt(deck: RevealApi, pos: DeckPosition): HTMLElement | undefined {
  const slides = deck.getSlides() as HTMLElement[];
  return (
    slideInSection(slides, pos) ??
    slides.find((s) => {
      const i = deck.getIndices(s);
      return i.h === pos.h && (i.v ?? 0) === pos.v;
    })
  );
}

/** Moves the deck to `pos` (slide and step); false when this deck has no such slide. */
export function goToPosition(deck: RevealApi, pos: DeckPosition): boolean {
  const slide = slideAt(deck, pos);
  if (!slide) return false;
  const { h, v } = deck.getIndices(slide);
  const here = positionOf(deck);
  if (deck.getCurrentSlide() !== slide || here.f !== pos.f) deck.slide(h, v ?? 0, pos.f);
  // the demo in the language the presenter shows (twins.ts: a tab click also holds the choice for later demos)
  if (pos.demo && positionOf(deck).demo !== pos.demo) {
    slide.querySelector<HTMLButtonElement>(`.k-twins [data-twin-tab="${CSS.escape(pos.demo)}"]`)?.click();
  }
  return true;
}

/** Calls `then` after a demo's language is chosen (T, or a tab), once the switch has happened (twins.ts says when). */
export function onDemoSwitch(then: () => void): void {
  document.addEventListener(TWIN_CHOSEN, () => then());
}

export function samePosition(a: DeckPosition, b: DeckPosition): boolean {
  return a.section === b.section && a.nth === b.nth && a.f === b.f && a.demo === b.demo && (a.section !== '' || (a.h === b.h && a.v === b.v));
}

/** `?at=section.nth.step`: how a deck opens its twin at the same place (language-switch.ts). */
export function encodeAt(pos: DeckPosition): string {
  return `${encodeURIComponent(pos.section)}.${pos.nth}.${pos.f}.${pos.h}.${pos.v}`;
}

export function decodeAt(value: string | null): DeckPosition | null {
  const m = /^(.*)\.(\d+)\.(-?\d+)\.(\d+)\.(\d+)$/.exec(value ?? '');
  if (!m) return null;
  return { section: decodeURIComponent(m[1]), nth: Number(m[2]), f: Number(m[3]), h: Number(m[4]), v: Number(m[5]) };
}
