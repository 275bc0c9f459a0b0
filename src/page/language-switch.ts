/**
 * A deck and its twin in another language (slides/asyncio-ja ⇄ slides/asyncio-en): the build links them with
 * <link rel="alternate" hreflang data-twin>. L or the button opens the twin at the same section and step.
 * The twin reads `?at=` on load, goes there and drops it from the address.
 */
import type { RevealApi } from 'reveal.js';
import { decodeAt, encodeAt, goToPosition, positionOf } from './deck-position.js';

const LANGUAGE_NAMES: Record<string, string> = { ja: '日本語', en: 'English' };

export function twinLinks(): { lang: string; href: string; deck: string }[] {
  return [...document.querySelectorAll<HTMLLinkElement>('link[rel="alternate"][data-twin]')].map((l) => ({
    lang: l.hreflang,
    href: l.href,
    deck: l.dataset.twin!,
  }));
}

export class LanguageSwitch {
  constructor(private readonly deck: RevealApi | null) {}

  init(): void {
    const twin = twinLinks()[0];
    if (this.deck) this.arrive(this.deck);
    if (!twin) return;
    const button = document.createElement('a');
    button.className = 'k-float k-language';
    button.href = twin.href;
    button.lang = twin.lang;
    button.hreflang = twin.lang;
    button.textContent = LANGUAGE_NAMES[twin.lang] ?? twin.lang;
    button.title = `${button.textContent} (L)`;
    button.setAttribute('aria-keyshortcuts', 'L');
    button.addEventListener('click', (e) => {
      e.preventDefault();
      this.open(twin.href);
    });
    // the reader: at the top of the page, in the flow, not over the first title
    if (this.deck) {
      document.body.append(button);
      showWhilePointerMoves(button);
    } else document.body.prepend(button);
    // reveal.js binds L to "right"; the arrows, space and N still move on
    this.deck?.addKeyBinding({ keyCode: 76, key: 'L', description: `Open this slide in ${LANGUAGE_NAMES[twin.lang] ?? twin.lang}` }, () => this.open(twin.href));
    // the phone reader has no reveal.js: L on a keyboard still works there, outside the cells' editors
    if (!this.deck) {
      document.addEventListener('keydown', (e) => {
        const typing = (e.target as Element | null)?.closest?.('input, textarea, [contenteditable], live-cell');
        if (e.key.toLowerCase() === 'l' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) this.open(twin.href);
      });
    }
  }

  /** Opens the twin at this deck's place. */
  open(href: string): void {
    const url = new URL(href);
    if (this.deck) url.searchParams.set('at', encodeAt(positionOf(this.deck)));
    else url.hash = location.hash; // the reader keeps #/n
    location.assign(url.href);
  }

  private arrive(deck: RevealApi): void {
    const url = new URL(location.href);
    const at = decodeAt(url.searchParams.get('at'));
    if (!url.searchParams.has('at')) return;
    url.searchParams.delete('at');
    history.replaceState(history.state, '', url.href);
    if (at) goToPosition(deck, at);
  }
}

/**
 * Over the deck, the button shows only while the mouse moves (and while it has focus): on a projector it must not
 * sit over a long title for the whole talk.
 */
function showWhilePointerMoves(button: HTMLElement): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.dataset.idle = '';
  addEventListener(
    'pointermove',
    () => {
      delete button.dataset.idle;
      clearTimeout(timer);
      timer = setTimeout(() => (button.dataset.idle = ''), 2500);
    },
    { passive: true },
  );
}
