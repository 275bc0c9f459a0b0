/**
 * The pen's chunk, loaded after the deck starts: strokes saved in this browser are drawn on their slides,
 * and P takes the pen up. In the print view every slide's strokes are drawn (they are printed with it).
 */
import { injectStyles } from '../inject-styles.js';
import { PEN_CSS } from './pen-styles.js';
import type { RevealApi } from 'reveal.js';
import { twinLinks } from '../language-switch.js';
import { Pen } from './pen.js';

export function startPen(deck: RevealApi, deckId: string, { speakerFrame, printView }: { speakerFrame: boolean; printView: boolean }): Pen {
  injectStyles('k-pen-styles', PEN_CSS);
  // an audience member's deck in presenting mode shows the presenter's strokes, and keeps none of its own
  const follower = () => document.documentElement.dataset.presenting === 'follower';
  const pen = new Pen(deck, {
    deckId,
    talk: [deckId, ...twinLinks().map((t) => t.deck)],
    mirrorOnly: () => speakerFrame || printView || follower(),
  });
  pen.start(!speakerFrame && !printView);
  return pen;
}
