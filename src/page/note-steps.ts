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

/** How the parts look where notes are read (the speaker window gets it as a <style>; remote.css has the same). */
export const NOTE_STEPS_CSS = `
  .k-note-step { border-left: 0.25em solid transparent; padding: 0.1em 0 0.1em 0.5em; margin: 0.2em 0; transition: opacity 0.2s ease; }
  .k-note-step > :first-child { margin-top: 0; }
  .k-note-step > :last-child { margin-bottom: 0; }
  .k-note-step.k-note-current { border-left-color: #b02a1e; background: rgba(176, 42, 30, 0.08); }
  .k-note-step.k-note-past { opacity: 0.7; }
  .k-note-step.k-note-future { opacity: 0.55; }
  .k-note-badge {
    display: inline-block; min-width: 1.4em; margin-right: 0.4em; padding: 0 0.3em; border-radius: 0.7em;
    background: #4a4d55; color: #fff; font-size: 0.75em; font-weight: 700; text-align: center; vertical-align: 0.1em;
  }
  .k-note-current .k-note-badge { background: #b02a1e; }
`;

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
