/**
 * Magic move in the page (loaded only by decks that have one: main.ts). The build made every version's HTML and
 * gave each word of code an id that stays the same while the word stays (src/node/pipeline/magic-move/); CSS
 * shows the version that reveal.js's fragments say. Here, each step moves the words the two versions share:
 * the element on screen is swapped into the new version's place (the same element, every step, both ways) and
 * slides there from where it was (FLIP, on the compositor); words that go fade out, new ones fade in.
 * Each step is announced as `magic-move:step` (a cell with versions shows that version: src/page/cells).
 */
import type { RevealApi } from 'reveal.js';
import { magicMoveStep } from './magic-move-step.js';

const DURATION_MS = 650;
const EASING = 'cubic-bezier(0.4, 0, 0.2, 1)';

export interface MagicMoveStepDetail {
  step: number;
}

/** The running animations of a block, to finish at once when the next step comes before they end. */
const running = new WeakMap<HTMLElement, Animation[]>();

export function startMagicMove(deck: RevealApi): void {
  if (/print-pdf/i.test(location.search)) {
    // the print view may be laid out already (this chunk loads after reveal.js starts), or not yet
    pagePerVersion();
    deck.on('pdf-ready', pagePerVersion);
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

/**
 * Print is one page per slide with its fragments shown (reveal-config.ts): a slide with a magic move gets one
 * page per version instead, each whole (CSS picks the version from the markers' state on that page).
 */
function pagePerVersion(): void {
  for (const page of document.querySelectorAll<HTMLElement>('.pdf-page:not([data-mm-pages])')) {
    const blocks = [...page.querySelectorAll('.k-mm')];
    if (blocks.length === 0) continue;
    page.dataset.mmPages = '';
    const steps = Math.max(...blocks.map((b) => b.querySelectorAll(':scope > .k-mm-mark').length));
    for (let v = 0; v < steps; v++) {
      const copy = page.cloneNode(true) as HTMLElement;
      for (const m of copy.querySelectorAll<HTMLElement>('.k-mm-mark')) m.classList.toggle('visible', Number(m.dataset.mmStep) <= v);
      page.before(copy);
    }
  }
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

function morph(block: HTMLElement, from: HTMLElement, to: HTMLElement, animate: boolean): void {
  for (const a of running.get(block) ?? []) a.finish();
  const leaving = new Map<string, HTMLElement>();
  for (const el of from.querySelectorAll<HTMLElement>('.k-mm-t')) leaving.set(el.dataset.mmId!, el);
  const pairs: [HTMLElement, HTMLElement][] = [];
  const entering: HTMLElement[] = [];
  for (const slot of to.querySelectorAll<HTMLElement>('.k-mm-t')) {
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

  const animations: Animation[] = [];
  pairs.forEach(([el], i) => {
    const [dx, dy] = deltas[i];
    if (dx === 0 && dy === 0) return;
    animations.push(el.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }], { duration: DURATION_MS, easing: EASING }));
  });
  // the old version stays visible while its words fade, see-through, over the new one
  from.style.visibility = 'visible';
  from.style.setProperty('background', 'transparent', 'important');
  from.style.setProperty('border-color', 'transparent');
  const ghosts = pairs.map(([, slot]) => slot);
  for (const g of ghosts) g.style.opacity = '0';
  for (const el of leaving.values()) {
    animations.push(el.animate([{ opacity: 1 }, { opacity: 0 }], { duration: DURATION_MS * 0.5, easing: EASING, fill: 'forwards' }));
  }
  for (const el of entering) {
    animations.push(el.animate([{ opacity: 0 }, { opacity: 1 }], { duration: DURATION_MS * 0.5, delay: DURATION_MS * 0.45, easing: EASING, fill: 'backwards' }));
  }
  running.set(block, animations);
  const done = (): void => {
    if (running.get(block) !== animations) return;
    running.delete(block);
    from.style.removeProperty('visibility');
    from.style.removeProperty('background');
    from.style.removeProperty('border-color');
    for (const g of ghosts) g.style.removeProperty('opacity');
    // the fade-outs hold their end until here: let go of them, the version is hidden by CSS now
    for (const a of animations) a.cancel();
  };
  void Promise.all(animations.map((a) => a.finished.catch(() => undefined))).then(done);
  if (animations.length === 0) done();
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
