import type { RevealConfig } from 'reveal.js';

/** Presentation settings: 16:9 slides sized for a projector, hash URLs, print with fragments shown. */
export function revealConfig(location: Location | URL, duration = 0): RevealConfig {
  const printing = /print-pdf/i.test(location.search);
  return {
    hash: true,
    respondToHashChanges: true,
    history: false,
    width: 1280,
    height: 720,
    margin: 0.04,
    controls: true,
    progress: true,
    slideNumber: 'c/t',
    showSlideNumber: 'all',
    center: false,
    transition: 'fade',
    transitionSpeed: 'fast',
    // print: one page per slide, fragments in their final state, nothing spilling onto a second page;
    // `&steps` (kowakunai export --steps) prints one page per step instead
    pdfSeparateFragments: printing && /[?&]steps\b/i.test(location.search),
    pdfMaxPagesPerSlide: 1,
    showNotes: printing && /notes/i.test(location.search),
    // below this width readers get reveal's scroll view (phones)
    scrollActivationWidth: 435,
    // the deck's `duration:` (minutes) drives the speaker view's pacing timer
    ...(duration > 0 ? { totalTime: duration * 60 } : {}),
  };
}
