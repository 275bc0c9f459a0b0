/**
 * <Twins> frames (components.tsx): one demo in two languages, one pane at a time. The presenter
 * switches with the tabs or the T key (the frame on the current slide); the choice holds for the whole
 * deck, so a talk given in TypeScript stays in TypeScript from slide to slide. Hidden panes keep their
 * cell, its edits and any run in progress.
 */
import type { RevealApi } from 'reveal.js';

const FRAME = '.k-twins';

/** Dispatched on document when the presenter (or reader) chooses a demo's language, by tab or T. */
export const TWIN_CHOSEN = 'kowakunai:twin-chosen';

export class TwinSwitch {
  /** the language last chosen by the presenter; null until they choose */
  private chosen: string | null = null;

  constructor(
    /** null in the phone reader: tabs only, no key */
    private readonly deck: RevealApi | null,
    /** called with a pane that has just been shown (its cells can be sized now that they are laid out) */
    private readonly shown: (pane: HTMLElement) => void,
  ) {}

  init(root: ParentNode = document): void {
    this.bindTabs(root);
    if (!root.querySelector(FRAME) || !this.deck) return;
    this.deck.addKeyBinding({ keyCode: 84, key: 'T', description: 'Switch the demo: Python / TypeScript' }, () => this.toggle());
    // slides met later follow the presenter's choice
    const deck = this.deck;
    deck.on('slidechanged', () => this.follow(deck.getCurrentSlide()));
  }

  /** Makes the tabs under `root` work (again, for slides the dev server has just swapped in), in the chosen language. */
  bindTabs(root: ParentNode): void {
    for (const tab of root.querySelectorAll<HTMLButtonElement>(`${FRAME} [data-twin-tab]`)) {
      tab.disabled = false;
      tab.setAttribute('aria-keyshortcuts', 'T');
      tab.addEventListener('click', () => this.choose(tab.closest<HTMLElement>(FRAME)!, tab.dataset.twinTab!));
    }
    if (this.chosen) for (const frame of root.querySelectorAll<HTMLElement>(FRAME)) this.showIn(frame, this.chosen);
  }

  /** The languages of the frame on `slide`, in order (the first is the default). */
  panes(slide: Element): string[] {
    const frame = slide.querySelector(FRAME);
    return frame ? [...frame.querySelectorAll<HTMLElement>(':scope > [data-twin]')].map((p) => p.dataset.twin!) : [];
  }

  /** Shows `lang` in every frame on `slide` that has it. */
  show(slide: ParentNode, lang: string): void {
    for (const frame of slide.querySelectorAll<HTMLElement>(FRAME)) this.showIn(frame, lang);
  }

  /** T: the next language of the frame on the current slide. */
  toggle(): void {
    const slide = this.deck?.getCurrentSlide();
    const frame = slide?.querySelector<HTMLElement>(FRAME);
    if (!slide || !frame) return;
    const langs = this.panes(slide);
    const now = frame.querySelector<HTMLElement>(':scope > [data-twin]:not([hidden])')?.dataset.twin;
    this.choose(frame, langs[(langs.indexOf(now ?? '') + 1) % langs.length]);
  }

  private choose(frame: HTMLElement, lang: string): void {
    this.chosen = lang;
    this.showIn(frame, lang);
    // in the reader every frame is on one page: they all follow the reader's choice
    if (!this.deck) this.show(document, lang);
    // presenting and window sync pass the choice on (deck-position.ts onDemoSwitch)
    document.dispatchEvent(new CustomEvent(TWIN_CHOSEN, { detail: lang }));
  }

  private follow(slide: Element | undefined): void {
    if (slide && this.chosen) this.show(slide, this.chosen);
  }

  private showIn(frame: HTMLElement, lang: string): void {
    const target = frame.querySelector<HTMLElement>(`:scope > [data-twin="${CSS.escape(lang)}"]`);
    if (!target || !target.hidden) return;
    for (const pane of frame.querySelectorAll<HTMLElement>(':scope > [data-twin]')) pane.hidden = pane !== target;
    for (const tab of frame.querySelectorAll<HTMLElement>('[data-twin-tab]')) tab.setAttribute('aria-selected', String(tab.dataset.twinTab === lang));
    frame.dataset.active = lang;
    this.shown(target);
  }
}
