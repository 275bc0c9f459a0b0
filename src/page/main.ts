/**
 * The deck client: a small core that wires reveal.js and one module per concern.
 * The cells module itself arrives as its own chunk, fetched at once but not waited for by the first paint:
 * every cell is already drawn in the HTML with its recorded run, so the slide shows before it is upgraded.
 * Everything heavy (the editor, esbuild-wasm, the sandbox) is loaded by the cells module on demand.
 * On a phone (reader.ts) the same page is read as reflowed text, without reveal.js.
 */
import Reveal from 'reveal.js';
import type { RevealApi } from 'reveal.js';
import { revealConfig } from './reveal-config.js';
import { loadPluginsLater } from './lazy-plugins.js';
import { isSpeakerViewFrame } from './speaker-view.js';
import { applyThemeOverride } from './theme.js';
import { initSingleFile } from './single-file.js';
import { fitCell, fitSlide, fitTimelineWidth } from './cell-fit.js';
import { startReader, wantsReader } from './reader.js';
import { TwinSwitch } from './twins.js';
import { refreshTextWhenFontsLoad } from '../shared/font-refresh.js';
import './styles/deck.css';

const deckId = document.documentElement.dataset.deck ?? 'deck';
const speakerFrame = isSpeakerViewFrame(location);
applyThemeOverride(location, document.documentElement);
const root = document.querySelector<HTMLElement>('.reveal')!;
refreshTextWhenFontsLoad(document);
// stepped code and twoslash popups: their own chunks, fetched only by decks that have them (the first page stays light)
const twoslash = root.querySelector('.twoslash') ? import('./twoslash-popups.js').then((m) => m.keepTwoslashPopupsInside(root)) : undefined;
const reader = wantsReader(location, speakerFrame);

const cells = import('./cells/index.js').then((m) => {
  m.initCells({ deckId, isSpeakerView: speakerFrame });
  return m;
});
const { deck, twins, refit, acrossDevices } = reader ? readDeck() : await presentDeck();
// its own chunk, fetched only by a deck that has a magic move
const magicMove = deck && root.querySelector('.k-mm') ? import('./magic-move.js').then((m) => m.startMagicMove(deck)) : undefined;
if (typeof __KOWAKUNAI_SANDBOX_HTML__ === 'string') initSingleFile(document.documentElement.lang);
// no Pyodide in the single-file deck
// idle-time work, so its code comes after the first paint too
else if (deck && root.querySelector('live-cell[data-lang="python"]')) {
  void import('./python-prefetch.js').then((m) => m.prefetchPythonNearby(deck, () => cells.then((c) => c.sandboxHost()), { speakerFrame, printView: /print-pdf/i.test(location.search) }));
}
if (reader) {
  const widen = (cell: Element) => fitTimelineWidth(cell as HTMLElement);
  document.addEventListener('live-cell:state', (e) => widen(e.target as Element));
}
// deck-ready below promises a booted deck: cells upgraded, and L, following and the other windows wired
await Promise.all([cells, acrossDevices, magicMove, twoslash]);
// upgraded cells redraw their timelines for the box they have
refit();
// the dev server swapped in a rebuilt deck's slides (dev-reload.ts): their tabs and boxes are new
document.addEventListener('kowakunai:slides-replaced', () => {
  twins.bindTabs(root);
  refit();
});

// for tests and automation: the reveal API (null in the phone reader), and a sign that the deck has booted
(window as unknown as { kowakunai: object }).kowakunai = { deck, deckId, speakerFrame, twins, reader };
document.documentElement.classList.add('deck-ready');

interface Booted {
  deck: RevealApi | null;
  twins: TwinSwitch;
  /** fits what is shown again (after the cells are upgraded) */
  refit(): void;
  /** the twin link and following, loaded as their own chunk after the first paint */
  acrossDevices: Promise<void>;
}

// synchronous, before the cells chunk arrives: the reader shows every step (each fragment visible), and a cell that
// morphs reads which version to show from those steps when it starts
function readDeck(): Booted {
  const slides = startReader(root, document.documentElement.lang);
  // the twin language's link; in presenting mode, the reader scrolls along with the presenter
  const acrossDevices = import('./across-devices.js').then((m) => m.startReaderAcrossDevices(slides));
  const twins = new TwinSwitch(null, () => {});
  twins.init();
  // each cell's timeline is drawn for the phone's width when it comes near the screen, not all at load
  const near = new IntersectionObserver(
    (entries) => entries.filter((e) => e.isIntersecting).forEach((e) => fitTimelineWidth(e.target as HTMLElement)),
    { rootMargin: '100% 0px' },
  );
  const refit = () => document.querySelectorAll<HTMLElement>('live-cell').forEach((cell) => near.observe(cell));
  return { deck: null, twins, refit, acrossDevices };
}

async function presentDeck(): Promise<Booted> {
  const deck = new Reveal(root, revealConfig(location, Number(document.documentElement.dataset.duration ?? 0)));
  await deck.initialize();
  loadPluginsLater(deck, speakerFrame);
  // the browser's print dialog on the ordinary view: reveal.css's own print rules would re-flow the
  // slides; with print-pdf set, print.css prints them one per page, as ?print-pdf does
  const printView = /print-pdf/i.test(location.search);
  addEventListener('beforeprint', () => printView || document.documentElement.classList.add('print-pdf'));
  addEventListener('afterprint', () => printView || document.documentElement.classList.remove('print-pdf'));
  const twins = new TwinSwitch(deck, (pane) => fitSlide(pane.closest('section')));
  twins.init();
  const codeSteps = root.querySelector('.k-code-step') ? import('./code-steps.js').then((m) => new m.CodeSteps(deck).init()) : undefined;
  const across = printView || speakerFrame ? Promise.resolve() : import('./across-devices.js').then((m) => m.startAcrossDevices(deck, deckId));
  // the pen (P) and the strokes kept in this browser, drawn before deck-ready (the print view prints them)
  const pen = import('./pen/index.js').then((m) => void m.startPen(deck, deckId, { speakerFrame, printView }));
  const acrossDevices = Promise.all([across, pen, codeSteps]).then(() => {});
  // Fit the slide on screen and its neighbours (reveal lays them out already, for the transition);
  // the print view lays out every slide at once.
  const fitNearby = (): void => {
    const slides = deck.getSlides();
    const at = slides.indexOf(deck.getCurrentSlide());
    for (const i of [at, at + 1, at - 1]) fitSlide(slides[i]);
  };
  const fitAll = (): void => deck.getSlides().forEach(fitSlide);
  if (printView) fitAll();
  else fitNearby();
  deck.on('slidechanged', fitNearby);
  deck.on('pdf-ready', fitAll);
  void document.fonts.ready.then(printView ? fitAll : fitNearby);
  // Japanese glyphs load per unicode-range as new text appears: measure again with the real faces
  document.fonts.addEventListener('loadingdone', printView ? fitAll : fitNearby);
  // a run that ends leaves new output: size it to show every line
  document.addEventListener('live-cell:state', (e) => {
    const cell = e.target as HTMLElement;
    if (cell.dataset.state !== 'running') fitCell(cell);
  });
  // a window made phone-narrow gets the reader (the hash keeps the slide)
  if (!printView && !speakerFrame) matchMedia('(max-width: 499px)').addEventListener('change', (e) => e.matches && location.reload());
  return { deck, twins, refit: printView ? fitAll : fitNearby, acrossDevices };
}

