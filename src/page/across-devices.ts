/**
 * Everything that lets a deck be presented across windows and devices — the twin language (L), following a
 * presenting server or another window — in one chunk loaded just after the deck starts:
 * none of it is needed for the first paint, whose bytes have a budget (tests/browser/first-page.test.ts).
 */
import { injectStyles } from './inject-styles.js';
import { PRESENT_CSS } from './present-styles.js';
import type { RevealApi } from 'reveal.js';
import { BroadcastSync } from './broadcast-sync.js';
import { LanguageSwitch, twinLinks } from './language-switch.js';
import { isPresentingServer, startPresentMode } from './present-mode.js';

export function startAcrossDevices(deck: RevealApi, deckId: string): void {
  injectStyles('k-present-styles', PRESENT_CSS);
  new LanguageSwitch(deck).init();
  if (isPresentingServer()) void startPresentMode(deck, deckId);
  else new BroadcastSync(deck, [deckId, ...twinLinks().map((t) => t.deck)]).start();
}

/** The phone reader: the twin link, and scrolling along with a presenting server. */
export function startReaderAcrossDevices(slides: HTMLElement[]): void {
  injectStyles('k-present-styles', PRESENT_CSS);
  new LanguageSwitch(null).init();
  if (isPresentingServer()) void import('./present/reader-follower.js').then(({ ReaderFollower }) => new ReaderFollower(slides).start());
}
