import type { RevealApi } from 'reveal.js';

/** One step's lit lines (1-based), or every line; as the build writes them in `data-steps`. */
export type StepLines = number[] | 'all';

/**
 * Which lines of each stepped code block (```ts {1|3-4|all}) are lit is the stylesheet's business
 * (styles/code-steps.css reads it from reveal.js's fragment markers). What CSS cannot do is done here, at every
 * step: the first lit line of a block taller than its box is scrolled into view, and a cell tells its editor
 * (cells/editor-steps.ts) which lines to light, through its `data-lit-lines`.
 */
export class CodeSteps {
  constructor(private readonly deck: RevealApi) {}

  init(): void {
    // reveal.js re-sorts (and renumbers) every slide's fragments on sync
    if (alignTwinSteps(this.deck.getRevealElement() ?? document)) this.deck.sync();
    const update = () => this.update(this.deck.getCurrentSlide());
    for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden'] as const) this.deck.on(event, update);
    update();
  }

  update(slide: Element | undefined): void {
    for (const block of slide?.querySelectorAll<HTMLElement>('pre.k-steps, live-cell[data-steps]') ?? []) {
      const lit = litLines(block);
      if (lit === null) continue;
      if (block.localName === 'live-cell') block.dataset.litLines = lit === 'all' ? 'all' : lit.join(',');
      if (lit !== 'all' && lit.length > 0) scrollLineIntoView(block, lit[0]);
    }
  }
}

/**
 * A <Twins> frame shows one pane at a time, yet reveal.js counts the fragments of both: the hidden pane's steps
 * would take presses that change nothing on screen. Its panes' markers share indices instead — step k of each
 * pane is one press — so either language steps through its code the same way (give both panes the same steps;
 * extra steps in the second go with its last). Returns whether anything changed.
 */
export function alignTwinSteps(root: ParentNode): boolean {
  let changed = false;
  for (const frame of root.querySelectorAll('.k-twins')) {
    const panes = [...frame.querySelectorAll(':scope > .k-twin')].map((pane) => [...pane.querySelectorAll<HTMLElement>('.k-code-step')]);
    const lead = panes.find((markers) => markers.length > 0);
    if (!lead) continue;
    for (const markers of panes) {
      markers.forEach((marker, k) => {
        const index = lead[Math.min(k, lead.length - 1)].dataset.fragmentIndex;
        if (index === undefined || marker.dataset.fragmentIndex === index) return;
        marker.dataset.fragmentIndex = index;
        changed = true;
      });
    }
  }
  return changed;
}

/** The lines a block lights now: its steps' entry for the number of its markers reveal.js has shown. */
export function litLines(block: HTMLElement): StepLines | null {
  let steps: StepLines[];
  try {
    steps = JSON.parse(block.dataset.steps ?? '');
  } catch {
    return null;
  }
  const shown = block.querySelectorAll(':scope > .k-code-step.visible').length;
  return steps[Math.min(shown, steps.length - 1)] ?? null;
}

/** Scrolls the block's code box (only it, not the slide) so line `n` shows, a little below the top. */
function scrollLineIntoView(block: HTMLElement, n: number): void {
  const line = block.querySelectorAll<HTMLElement>('code > .line')[n - 1];
  const box = line && scrollBox(line, block);
  if (!box) return;
  // reveal.js scales the slide: measure in the box's own pixels
  const scale = box.getBoundingClientRect().height / box.offsetHeight || 1;
  const top = (line.getBoundingClientRect().top - box.getBoundingClientRect().top) / scale + box.scrollTop;
  const height = line.getBoundingClientRect().height / scale;
  if (top >= box.scrollTop && top + height <= box.scrollTop + box.clientHeight) return;
  box.scrollTo({ top: Math.max(0, top - box.clientHeight / 4), behavior: 'smooth' });
}

function scrollBox(from: HTMLElement, upTo: HTMLElement): HTMLElement | null {
  for (let el = from.parentElement; el; el = el.parentElement) {
    if (el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY)) return el;
    if (el === upTo) break;
  }
  return null;
}
