/**
 * Presenting mode on the deck page: only pages served by `npm run present` carry PRESENT_MARKER. With the key
 * (the presenter URL) the page presents; without it, it follows. Loaded on demand: an ordinary reader loads none of it.
 */
import type { RevealApi } from 'reveal.js';

export function isPresentingServer(): boolean {
  return !!document.querySelector('meta[name="kowakunai-present"]');
}

export async function startPresentMode(deck: RevealApi, deckId: string): Promise<'presenter' | 'follower'> {
  const { takeKey } = await import('./present/control-channel.js');
  const key = takeKey('kowakunai:present-key');
  if (key) {
    const { Presenter } = await import('./present/presenter.js');
    new Presenter(deck, deckId, key).start();
    return 'presenter';
  }
  const { Follower } = await import('./present/follower.js');
  new Follower(deck).start();
  return 'follower';
}
