/**
 * Magic move in the page (loaded only by decks that have one: main.ts). The build made every version's HTML and
 * gave each word of code an id that stays the same while the word stays (src/node/pipeline/magic-move/); CSS
 * shows the version that reveal.js's fragments say. Here, each step moves the words the two versions share:
 * the element on screen is swapped into the new version's place (the same element, every step, both ways) and
 * slides there from where it was (FLIP); words that go fade out, new ones fade in.
 * Each step is announced as `magic-move:step` (a cell with versions shows that version: src/page/cells).
 */
import type { RevealApi } from 'reveal.js';
import { magicMoveStep } from './magic-move-step.js';
import { pagePerStep } from './print-steps.js';

const DURATION_MS = 650;
/** A version's words (render.ts): each a span of its own, right under its line. */
const WORDS = '.line > span';

export interface MagicMoveStepDetail {
  step: number;
}

/** A block's morph in progress: ends it at once (the next step came before it ended). */
const running = new WeakMap<HTMLElement, () => void>();

export function startMagicMove(deck: RevealApi): void {
  if (/print-pdf/i.test(location.search)) {
    // a page per version (print-steps.ts); the print view may be laid out already (this chunk loads after
    // reveal.js starts), or not yet
    pagePerStep();
    deck.on('pdf-ready', () => pagePerStep());
    return;
  }
  const reduced = matchMedia('(prefers-reduced-motion: reduce)');
  const sync = (animate: boolean): void => {
    const current = deck.getCurrentSlide();
    for (const block of document.querySelectorAll<HTMLElement>('.k-mm')) {
      stepTo(block, animate && !reduced.matches && current?.contains(block) === true);
    }
  };
  deck.on('fragmentshown', () => sync(true));
  deck.on('fragmenthidden', () => sync(true));
  // arriving on a slide (or a jump by URL, a follower catching up) shows the version at once
  deck.on('slidechanged', () => sync(false));
  sync(false);
}

function stepTo(block: HTMLElement, animate: boolean): void {
  const to = magicMoveStep(block);
  const from = block.dataset.mmAt === undefined ? to : Number(block.dataset.mmAt);
  if (block.dataset.mmAt !== undefined && from === to) return;
  block.dataset.mmAt = String(to);
  const versions = [...block.querySelectorAll<HTMLElement>(':scope > .k-mm-v')];
  if (from !== to && versions[from] && versions[to]) morph(block, versions[from], versions[to], animate);
  block.dispatchEvent(new CustomEvent<MagicMoveStepDetail>('magic-move:step', { bubbles: true, detail: { step: to } }));
}

/** Gives each word of a version its id from the version's list (render.ts writes the ids once per version). */
function labelWords(version: HTMLElement): void {
  if (version.dataset.mmLabelled) return;
  const ids = (version.dataset.mmIds ?? '').split(' ');
  version.querySelectorAll<HTMLElement>(WORDS).forEach((el, i) => (el.dataset.mmId = ids[i]));
  version.dataset.mmLabelled = '1';
}

function morph(block: HTMLElement, from: HTMLElement, to: HTMLElement, animate: boolean): void {
  running.get(block)?.();
  labelWords(from);
  labelWords(to);
  const leaving = new Map<string, HTMLElement>();
  for (const el of from.querySelectorAll<HTMLElement>(WORDS)) leaving.set(el.dataset.mmId!, el);
  const pairs: [HTMLElement, HTMLElement][] = [];
  const entering: HTMLElement[] = [];
  for (const slot of to.querySelectorAll<HTMLElement>(WORDS)) {
    const el = leaving.get(slot.dataset.mmId!);
    if (el) {
      pairs.push([el, slot]);
      leaving.delete(slot.dataset.mmId!);
    } else entering.push(slot);
  }
  // every read before any write: one layout for the whole step
  // reveal.js scales the slides with a transform: a screen pixel is 1/scale of the block's own pixels
  const scale = block.getBoundingClientRect().width / (block.offsetWidth || 1) || 1;
  const deltas = animate ? pairs.map(([el, slot]) => delta(el.getBoundingClientRect(), slot.getBoundingClientRect(), scale)) : [];
  // The shared word's element goes where the new version has it, and the slot's element takes its old place:
  // each version stays whole (for the way back, and for print), and what is on screen is the same element.
  for (const [el, slot] of pairs) swap(el, slot);
  if (!animate) return;

  // the old version stays visible while its words fade, see-through, over the new one (magic-move.css); the
  // words it shares with the new one are the new one's own elements now, hidden there
  from.classList.add('k-mm-leaving');
  const moving = pairs.map(([el], i) => ({ el, d: deltas[i] })).filter(({ d }) => d[0] !== 0 || d[1] !== 0);
  const fading = [...leaving.values()];
  // Frames drawn here rather than by the Web Animations API: hundreds of words animated there become as many
  // compositor layers, and a machine that rasterises in software (no GPU, a busy laptop) drops to a few frames a
  // second. Styles written once a frame move them in one paint.
  const frame = (p: number): void => {
    const e = ease(p);
    for (const { el, d } of moving) el.style.transform = e < 1 ? `translate(${d[0] * (1 - e)}px, ${d[1] * (1 - e)}px)` : '';
    const out = Math.min(1, p / 0.5);
    for (const el of fading) el.style.opacity = String(1 - out);
    const inn = Math.max(0, Math.min(1, (p - 0.45) / 0.5));
    for (const el of entering) el.style.opacity = inn < 1 ? String(inn) : '';
  };
  frame(0);
  let raf = 0;
  const t0 = performance.now();
  const done = (): void => {
    if (running.get(block) !== done) return;
    running.delete(block);
    cancelAnimationFrame(raf);
    frame(1);
    from.classList.remove('k-mm-leaving');
    for (const el of fading) el.style.removeProperty('opacity');
  };
  const tick = (now: number): void => {
    const p = Math.min(1, (now - t0) / DURATION_MS);
    if (p >= 1) return done();
    frame(p);
    raf = requestAnimationFrame(tick);
  };
  running.set(block, done);
  raf = requestAnimationFrame(tick);
}

/** Ease out (cubic): quick to leave, gentle to arrive. */
function ease(p: number): number {
  return 1 - (1 - p) ** 3;
}

function delta(old: DOMRect, now: DOMRect, scale: number): [number, number] {
  return [Math.round(((old.left - now.left) / scale) * 10) / 10, Math.round(((old.top - now.top) / scale) * 10) / 10];
}

/** Two elements change places in the tree, and their colours stay with the places (a word can change colour). */
function swap(a: HTMLElement, b: HTMLElement): void {
  const mark = document.createComment('');
  a.replaceWith(mark);
  b.replaceWith(a);
  mark.replaceWith(b);
  [a.className, b.className] = [b.className, a.className];
}
