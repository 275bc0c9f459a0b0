/**
 * Speaker notes that follow the steps (`[click]` in <Notes>, src/node/pipeline/remark-note-steps.ts): the part
 * for the current step is lit, earlier parts are marked past and later ones future — in reveal.js's speaker
 * window and on the phone remote.
 */

/** The step a slide is at: reveal.js numbers a slide's fragments 0…n-1 in the order they show. */
export function stepOfSlide(slide: Element | null): number {
  let step = 0;
  for (const f of slide?.querySelectorAll<HTMLElement>('.fragment.visible') ?? []) step = Math.max(step, Number(f.dataset.fragmentIndex ?? -1) + 1);
  return step;
}

/** Marks the notes' parts: the current one is the last part whose step is at or before `step`. */
export function markNoteStep(notes: ParentNode, step: number): void {
  const parts = [...notes.querySelectorAll<HTMLElement>('[data-note-step]')];
  const stepOf = (p: HTMLElement) => Number(p.dataset.noteStep);
  const current = parts.reduce<HTMLElement | null>((best, p) => (stepOf(p) <= step && (!best || stepOf(p) >= stepOf(best)) ? p : best), null);
  const at = current ? stepOf(current) : -1;
  // a newly current part comes into view (large notes scroll); one already current is left where the reader put it
  const moved = current !== null && !current.classList.contains('k-note-current');
  for (const p of parts) {
    p.classList.toggle('k-note-current', p === current);
    p.classList.toggle('k-note-past', p !== current && stepOf(p) <= at);
    p.classList.toggle('k-note-future', stepOf(p) > step);
  }
  if (moved && parts.length > 1) current.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

/**
 * The rules of styles/note-steps.css as the deck page has them, for the speaker window reveal.js writes from a
 * string: one stylesheet, not a second copy of it here.
 */
export function noteStepsCss(doc: Document): string {
  const rules: string[] = [];
  for (const sheet of doc.styleSheets) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // another origin's sheet: not ours
    }
    for (const rule of list) if (rule.cssText.includes('.k-note-')) rules.push(rule.cssText);
  }
  return rules.join('\n');
}

/**
 * The speaker window rewrites its notes at every step (reveal.js's notes plugin posts the slide's notes on each
 * fragment shown or hidden): mark them each time they are written, with the step of the deck's current slide.
 */
export function followNoteSteps(win: Window, currentStep: () => number): void {
  const value = win.document.querySelector('.speaker-controls-notes .value');
  if (!value) return;
  const apply = () => markNoteStep(value, currentStep());
  new MutationObserver(apply).observe(value, { childList: true });
  apply();
}
