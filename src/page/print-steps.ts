/**
 * Print is one page per slide with its fragments shown (reveal-config.ts). A slide whose code changes step by
 * step — a magic move's versions (magic-move.ts), stepped line highlights (code-steps.ts) — gets one page per step
 * instead, each whole: a copy of the page for every step before the last, its markers made `.visible` up to that
 * step (the stylesheets read the step from the markers, as on screen), and the page itself last, at the final step.
 * Both kinds are done in one pass, by whichever module comes first, so a slide with both is cut once.
 */
const MARKS = '.k-mm-mark, .k-code-step';

export function pagePerStep(root: ParentNode = document): void {
  for (const page of root.querySelectorAll<HTMLElement>('.pdf-page:not([data-step-pages])')) {
    // a block's markers are its own children: the n-th of them shows step n
    const blocks = new Set([...page.querySelectorAll(MARKS)].map((m) => m.parentElement!));
    if (blocks.size === 0) continue;
    page.dataset.stepPages = '';
    const marksOf = (block: Element) => [...block.children].filter((c) => c.matches(MARKS));
    const steps = Math.max(...[...blocks].map((b) => marksOf(b).length));
    for (let v = 0; v < steps; v++) {
      const copy = page.cloneNode(true) as HTMLElement;
      for (const block of new Set([...copy.querySelectorAll(MARKS)].map((m) => m.parentElement!))) {
        marksOf(block).forEach((m, i) => m.classList.toggle('visible', i < v));
      }
      page.before(copy);
    }
  }
}
