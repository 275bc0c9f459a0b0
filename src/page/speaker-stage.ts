/**
 * The speaker view made for the stage: reveal.js's notes window gets notes that grow and shrink (A− / A+ buttons,
 * the + and − keys), remembered in localStorage for the next talk. Its clock and pacing timer are reveal.js's own
 * (the pacing comes from the deck's `duration:`).
 */
import { fontFaceCss } from './font-faces.js';
import { followNoteSteps, noteStepsCss, stepOfSlide } from './note-steps.js';

const NOTES_WINDOW = 'reveal.js - Notes';
const STORAGE_KEY = 'kowakunai:notes-scale';
const SCALES = [0.8, 1, 1.25, 1.5, 1.75, 2, 2.5, 3];

export function readNotesScale(storage: Pick<Storage, 'getItem'> = localStorage): number {
  const saved = Number(storage.getItem(STORAGE_KEY));
  return SCALES.includes(saved) ? saved : 1.5;
}

/** Watches for the notes window reveal.js opens, and fits it out once its page is written. */
export function enhanceSpeakerWindows(): void {
  const open = window.open.bind(window);
  window.open = (...args: Parameters<typeof window.open>) => {
    const win = open(...args);
    if (win && args[1] === NOTES_WINDOW) whenWritten(win, () => fitOut(win));
    return win;
  };
}

function whenWritten(win: Window, then: () => void, tries = 100): void {
  setTimeout(() => {
    if (win.closed || tries <= 0) return;
    if (win.document.querySelector('#speaker-controls') && !win.document.querySelector('.k-notes-size')) then();
    else whenWritten(win, then, tries - 1);
  }, 50);
}

function fitOut(win: Window): void {
  const doc = win.document;
  const style = doc.createElement('style');
  style.textContent = `
    ${fontFaceCss(document, location.href)}
    body, #speaker-controls { font-family: Helvetica, 'Hiragino Sans', 'Noto Sans JP', sans-serif; }
    .speaker-controls-notes .value { font-size: calc(1.2em * var(--k-notes-scale, 1.5)); }
    .k-notes-size { float: right; display: flex; gap: 6px; }
    .k-notes-size button { font: 600 15px/1 system-ui, sans-serif; min-width: 44px; min-height: 36px; cursor: pointer; }
    .speaker-controls-time .clock-value { font-variant-numeric: tabular-nums; }
    ${noteStepsCss(document)}
  `;
  doc.head.append(style);
  followNoteSteps(win, () => stepOfSlide(document.querySelector('.reveal .slides section.present:not(.stack)')));
  let scale = readNotesScale(win.localStorage);
  const apply = () => {
    doc.documentElement.style.setProperty('--k-notes-scale', String(scale));
    doc.documentElement.dataset.notesScale = String(scale);
    try {
      win.localStorage.setItem(STORAGE_KEY, String(scale));
    } catch {
      // storage refused: the size holds for this window
    }
  };
  const step = (by: number) => {
    scale = SCALES[Math.min(SCALES.length - 1, Math.max(0, SCALES.indexOf(scale) + by))];
    apply();
  };
  const bar = doc.createElement('span');
  bar.className = 'k-notes-size';
  for (const [label, by, title] of [['A−', -1, 'Smaller notes (−)'], ['A+', 1, 'Larger notes (+)']] as const) {
    const b = doc.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.dataset.notesSize = by > 0 ? 'larger' : 'smaller';
    b.addEventListener('click', () => step(by));
    bar.append(b);
  }
  doc.querySelector('.speaker-controls-notes .label')?.append(bar);
  // before the speaker view's own listener, which forwards every key to the deck
  win.addEventListener(
    'keydown',
    (e) => {
      const by = e.key === '+' || e.key === '=' ? 1 : e.key === '-' || e.key === '_' ? -1 : 0;
      if (!by || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      step(by);
    },
    true,
  );
  apply();
}
