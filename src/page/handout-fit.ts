/**
 * The handout's one script (handout.html, and so the handout PDF): each slide picture's cells are fitted to
 * their box as the deck fits them on screen (cell-fit.ts), so the picture shows the slide as presented — every
 * output line, every timeline row. Without it (JavaScript off) the page still reads: the picture may then cut
 * a long output, while the cells printed at paper size below it show everything.
 */
import { fitSlide } from './cell-fit.js';
import { injectStyles } from './inject-styles.js';
import { TWOSLASH_CSS } from './twoslash-styles.js';

// twoslash blocks' boxes (the deck page gets these rules from its twoslash chunk)
if (document.querySelector('.twoslash')) injectStyles('k-twoslash-styles', TWOSLASH_CSS);

const fitAll = (): void => document.querySelectorAll<HTMLElement>('.handout-scale > section').forEach((s) => fitSlide(s));

fitAll();
void document.fonts.ready.then(fitAll);
// Japanese glyphs arrive per unicode-range; printing (and the PDF export's print media) lays the page out again
document.fonts.addEventListener('loadingdone', fitAll);
matchMedia('print').addEventListener('change', fitAll);
addEventListener('resize', fitAll);
document.documentElement.classList.add('handout-fitted');
