/**
 * The deck client: a small core that wires reveal.js and one module per concern.
 * Everything heavy (the editor, esbuild-wasm, the sandbox) is loaded by the cells module on demand.
 */
import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import { revealConfig } from './reveal-config.js';
import { isSpeakerViewFrame } from './speaker-view.js';
import { applyThemeOverride } from './theme.js';
import { initCells } from './cells/index.js';
import './styles/deck.css';

const deckId = document.documentElement.dataset.deck ?? 'deck';
const speakerFrame = isSpeakerViewFrame(location);
applyThemeOverride(location, document.documentElement);

const deck = new Reveal(document.querySelector<HTMLElement>('.reveal')!, {
  ...revealConfig(location),
  plugins: [Notes, Search, Zoom],
});

await deck.initialize();
// the browser's print dialog on the ordinary view: reveal.css's own print rules would re-flow the
// slides; with print-pdf set, print.css prints them one per page, as ?print-pdf does
const printView = /print-pdf/i.test(location.search);
addEventListener('beforeprint', () => printView || document.documentElement.classList.add('print-pdf'));
addEventListener('afterprint', () => printView || document.documentElement.classList.remove('print-pdf'));
document.documentElement.classList.add('deck-ready');
initCells({ deckId, isSpeakerView: speakerFrame });

// for tests and automation: the reveal API, and a sign that the deck has booted
(window as unknown as { kowakunai: object }).kowakunai = { deck, deckId, speakerFrame };
