import type { ControlCommand, FollowState } from '../../shared/follow-protocol.js';
import type { DeckOutline } from './deck-outline.js';
import { markNoteStep } from '../note-steps.js';
import '../styles/note-steps.css';

const NOTES_SCALE_KEY = 'kowakunai:remote-notes-scale';

/** The remote's screen: built once, updated on every state. */
export class RemoteView {
  private readonly el: Record<string, HTMLElement> = {};
  private notesScale = Number(localStorage.getItem(NOTES_SCALE_KEY)) || 1;
  private shownSlide = -1;

  constructor(
    private readonly root: HTMLElement,
    private readonly send: (c: ControlCommand) => void,
  ) {
    root.innerHTML = `
      <header class="r-bar">
        <span class="r-conn" data-role="conn" title="connection">●</span>
        <span data-role="where">–</span>
        <span><small>elapsed</small> <b data-role="elapsed">0:00</b></span>
        <span data-role="pace-box" hidden><small>pace</small> <b data-role="pace">–</b></span>
        <span><small>clock</small> <b data-role="clock">–</b></span>
      </header>
      <h1 class="r-title" data-role="title">…</h1>
      <section class="r-notes" data-role="notes" aria-label="notes"></section>
      <p class="r-next"><small>next</small> <span data-role="next">–</span></p>
      <div class="r-pad" data-role="pad" hidden><span>drag: laser pointer</span></div>
      <div class="r-tools">
        <button type="button" data-action="run" disabled>▶ Run</button>
        <button type="button" data-action="stop" disabled>■ Stop</button>
        <button type="button" data-action="blackout">Blackout</button>
        <button type="button" data-action="laser" aria-pressed="false">Laser</button>
        <button type="button" data-action="smaller" aria-label="smaller notes">A−</button>
        <button type="button" data-action="larger" aria-label="larger notes">A+</button>
      </div>
      <nav class="r-nav">
        <button type="button" data-action="prev" class="r-prev">◀ Prev</button>
        <button type="button" data-action="next" class="r-next-btn">Next ▶</button>
      </nav>`;
    for (const node of root.querySelectorAll<HTMLElement>('[data-role]')) this.el[node.dataset.role!] = node;
    root.addEventListener('click', (e) => this.onClick(e));
    this.wirePad();
    this.applyScale();
  }

  fatal(message: string): void {
    this.root.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'r-fatal';
    p.textContent = message;
    this.root.append(p);
  }

  setConnected(on: boolean): void {
    this.el.conn?.classList.toggle('on', on);
  }

  show(outline: DeckOutline, state: FollowState, running: Set<string>, serverNow: number): void {
    const i = Math.min(state.pos.h, outline.slides.length - 1);
    const slide = outline.slides[i];
    const next = outline.slides[i + 1];
    document.documentElement.lang = outline.lang;
    this.useFonts(outline.fontCss);
    this.el.where.textContent = `${i + 1} / ${outline.slides.length}${state.pos.f >= 0 ? ` · step ${state.pos.f + 1}` : ''}${state.paused ? ' · ■ blackout' : ''}`;
    this.el.title.textContent = slide.title;
    if (this.shownSlide !== i || this.el.notes.dataset.deck !== outline.id) {
      this.shownSlide = i;
      this.el.notes.dataset.deck = outline.id;
      this.el.notes.replaceChildren(...slide.notes.map((n) => document.importNode(n, true)));
      this.el.notes.scrollTop = 0;
    }
    markNoteStep(this.el.notes, state.pos.f + 1);
    this.el.next.textContent = next ? next.title : '(end)';
    const cell = slide.cells[0];
    this.button('run').disabled = !cell || running.has(cell);
    this.button('stop').disabled = !cell || !running.has(cell);
    this.button('blackout').setAttribute('aria-pressed', String(state.paused));
    this.root.dataset.slide = String(i);
    this.tick(outline, state, serverNow);
  }

  /** Elapsed since the talk began, the pacing (time left for this slide at the deck's `duration:`), the clock. */
  tick(outline: DeckOutline, state: FollowState, serverNow: number): void {
    const elapsed = serverNow - state.startedAt;
    this.el.elapsed.textContent = clock(elapsed);
    this.el.clock.textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    this.el['pace-box'].hidden = !outline.duration;
    if (outline.duration) {
      const perSlide = (outline.duration * 60_000) / outline.slides.length;
      const left = (state.pos.h + 1) * perSlide - elapsed;
      this.el.pace.textContent = `${left < 0 ? '−' : '+'}${clock(Math.abs(left))}`;
      this.el.pace.className = left < 0 ? 'behind' : left > perSlide ? 'ahead' : 'on-track';
    }
  }

  private useFonts(css: string): void {
    let style = document.querySelector<HTMLStyleElement>('style[data-deck-fonts]');
    if (style?.textContent === css) return;
    if (!style) {
      style = document.createElement('style');
      style.dataset.deckFonts = '';
      document.head.append(style);
    }
    style.textContent = css;
  }

  private button(action: string): HTMLButtonElement {
    return this.root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;
  }

  private onClick(e: MouseEvent): void {
    const action = (e.target as Element).closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
    if (!action) return;
    if (action === 'larger' || action === 'smaller') {
      this.notesScale = Math.min(2.5, Math.max(0.75, this.notesScale + (action === 'larger' ? 0.25 : -0.25)));
      localStorage.setItem(NOTES_SCALE_KEY, String(this.notesScale));
      return this.applyScale();
    }
    if (action === 'laser') {
      const on = this.el.pad.hidden;
      this.el.pad.hidden = !on;
      this.el.notes.hidden = on;
      this.button('laser').setAttribute('aria-pressed', String(on));
      if (!on) this.send({ action: 'pointer', on: false, x: 0, y: 0 });
      return;
    }
    this.send({ action } as ControlCommand);
  }

  private applyScale(): void {
    this.root.style.setProperty('--r-notes-scale', String(this.notesScale));
  }

  /** The pad is the slide in small: a finger on it is the dot on the slide, lifted it is gone. */
  private wirePad(): void {
    const pad = this.el.pad;
    let frame = 0;
    let last: PointerEvent | null = null;
    const post = () => {
      frame = 0;
      if (!last) return;
      const box = pad.getBoundingClientRect();
      const x = Math.min(1, Math.max(0, (last.clientX - box.left) / box.width));
      const y = Math.min(1, Math.max(0, (last.clientY - box.top) / box.height));
      this.send({ action: 'pointer', on: true, x, y });
    };
    pad.addEventListener('pointerdown', (e) => {
      pad.setPointerCapture(e.pointerId);
      last = e;
      frame ||= requestAnimationFrame(post);
    });
    pad.addEventListener('pointermove', (e) => {
      if (!pad.hasPointerCapture(e.pointerId)) return;
      last = e;
      // at most one position a frame, and only one request in flight is worth sending
      frame ||= requestAnimationFrame(post);
    });
    const off = () => {
      last = null;
      this.send({ action: 'pointer', on: false, x: 0, y: 0 });
    };
    pad.addEventListener('pointerup', off);
    pad.addEventListener('pointercancel', off);
  }
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
