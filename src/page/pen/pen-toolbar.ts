import { PEN_COLORS, PEN_WIDTHS } from '../../shared/pen.js';

export type PenAction = 'eraser' | 'undo' | 'clear' | 'save' | 'close';

/** The pen's tools, bottom centre while the pen is on: colours, widths, eraser (E), undo (Z), clear (C), save, close (P). */
export class PenToolbar {
  readonly el: HTMLElement;

  constructor(
    private readonly handlers: { color(c: string): void; width(w: number): void; action(a: PenAction): void },
    ja: boolean,
  ) {
    const t = (j: string, e: string) => (ja ? j : e);
    this.el = document.createElement('div');
    this.el.className = 'k-pen-tools';
    this.el.hidden = true;
    this.el.setAttribute('role', 'toolbar');
    this.el.setAttribute('aria-label', t('ペン', 'Pen'));
    const colors = PEN_COLORS.map((c) => `<button type="button" data-color="${c}" style="--c:${c}" aria-label="${c}" aria-pressed="false"></button>`).join('');
    const widths = PEN_WIDTHS.map((w) => `<button type="button" data-width="${w}" aria-label="${t('太さ', 'width')} ${w}" aria-pressed="false"><i style="--w:${w}px"></i></button>`).join('');
    this.el.innerHTML = `${colors}<span class="k-pen-sep"></span>${widths}<span class="k-pen-sep"></span>
      <button type="button" data-action="eraser" aria-pressed="false" title="${t('消しゴム', 'Eraser')} (E)" aria-keyshortcuts="E">⌫</button>
      <button type="button" data-action="undo" title="${t('元に戻す', 'Undo')} (Z)" aria-keyshortcuts="Z">↶</button>
      <button type="button" data-action="clear" title="${t('このスライドを消去', 'Clear this slide')} (C)" aria-keyshortcuts="C">✕</button>
      <button type="button" data-action="save" title="${t('書き込みを保存 (--with-drawings 用)', 'Save the drawings (for --with-drawings)')}">⤓</button>
      <button type="button" data-action="close" title="${t('ペンを閉じる', 'Put the pen down')} (P)" aria-keyshortcuts="P">P</button>`;
    this.el.addEventListener('click', (e) => {
      const b = (e.target as Element).closest<HTMLButtonElement>('button');
      if (!b) return;
      if (b.dataset.color) handlers.color(b.dataset.color);
      else if (b.dataset.width) handlers.width(Number(b.dataset.width));
      else if (b.dataset.action) handlers.action(b.dataset.action as PenAction);
      // the deck keeps the keyboard: arrows still move the slides after a click here
      b.blur();
    });
    // a drag that starts on the tools is not a stroke, nor a swipe to the next slide
    for (const type of ['pointerdown', 'touchstart', 'mousedown']) this.el.addEventListener(type, (e) => e.stopPropagation());
    document.body.append(this.el);
  }

  show(on: boolean): void {
    this.el.hidden = !on;
  }

  select(color: string, width: number, eraser: boolean): void {
    for (const b of this.el.querySelectorAll<HTMLButtonElement>('button[data-color]')) b.setAttribute('aria-pressed', String(b.dataset.color === color && !eraser));
    for (const b of this.el.querySelectorAll<HTMLButtonElement>('button[data-width]')) b.setAttribute('aria-pressed', String(Number(b.dataset.width) === width));
    this.el.querySelector('[data-action="eraser"]')!.setAttribute('aria-pressed', String(eraser));
  }
}
