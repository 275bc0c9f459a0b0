/**
 * What every follower shares, deck or phone reader: the follow stream (server-sent events; EventSource comes back
 * on its own after a drop and the server greets it with the current state), the presenter's runs shown in the
 * page's cells, and the Follow button.
 */
import { PEN_REMOTE_EVENT } from '../pen/pen-events.js';
import { PRESENT_BASE, type FollowState, type MirroredRun, type PointerState } from '../../shared/follow-protocol.js';

interface MirroringCell extends HTMLElement {
  mirror(run: number, event: MirroredRun['event']): void;
}

export type FollowButtonMode = 'live' | 'connecting' | 'left';

export interface FollowHandlers {
  state(s: FollowState): void;
  pointer?(p: PointerState): void;
  /** a presenter's run event; default: shown in this page's copy of the cell (mirrorRun) */
  run?(r: MirroredRun): void;
  /** the stream is up (true) or lost and coming back (false) */
  connected(up: boolean): void;
}

export function followStream(handlers: FollowHandlers): void {
  const stream = new EventSource(`${PRESENT_BASE}follow`);
  stream.addEventListener('open', () => handlers.connected(true));
  stream.addEventListener('state', (e) => handlers.state(JSON.parse((e as MessageEvent<string>).data) as FollowState));
  stream.addEventListener('run', (e) => (handlers.run ?? mirrorRun)(JSON.parse((e as MessageEvent<string>).data) as MirroredRun));
  stream.addEventListener('pointer', (e) => handlers.pointer?.(JSON.parse((e as MessageEvent<string>).data) as PointerState));
  // the presenter's strokes: the deck's pen draws them (src/page/pen/pen-store.ts checks them)
  stream.addEventListener('pen', (e) => document.dispatchEvent(new CustomEvent(PEN_REMOTE_EVENT, { detail: JSON.parse((e as MessageEvent<string>).data) })));
  stream.addEventListener('error', () => {
    handlers.connected(false);
    // EventSource retries by itself after a dropped stream; one the server refused (restarting) it gives up on
    if (stream.readyState === EventSource.CLOSED) setTimeout(() => followStream(handlers), 1000);
  });
}

/** Shows a relayed run in this page's copy of the cell; nothing runs here. */
export function mirrorRun({ cell, run, event }: MirroredRun): void {
  const el = document.querySelector<MirroringCell>(`live-cell[data-cell-id="${CSS.escape(cell)}"]`);
  if (!el) return;
  // the presenter runs the demo in the language they chose (T): show that pane here too
  const pane = el.closest<HTMLElement>('[data-twin]');
  if (event.type === 'started' && pane?.hidden) pane.parentElement?.querySelector<HTMLButtonElement>(`[data-twin-tab="${CSS.escape(pane.dataset.twin!)}"]`)?.click();
  el.mirror?.(run, event);
}

/** Bottom left: following (a quiet label), reconnecting, or — after the reader looked around — a button back. */
export class FollowButton {
  readonly el: HTMLButtonElement;
  private readonly ja = document.documentElement.lang.startsWith('ja');

  constructor(onFollow: () => void) {
    this.el = document.createElement('button');
    this.el.type = 'button';
    this.el.className = 'k-float k-follow';
    this.el.addEventListener('click', onFollow);
    document.body.append(this.el);
  }

  render(mode: FollowButtonMode): void {
    const ja = this.ja;
    this.el.dataset.mode = mode;
    this.el.disabled = mode !== 'left';
    this.el.textContent =
      mode === 'left' ? (ja ? '↩ 発表者に戻る' : '↩ Follow the speaker') : mode === 'live' ? (ja ? '● 発表者に追従中' : '● Following the speaker') : ja ? '○ 再接続中…' : '○ Reconnecting…';
    this.el.title = mode === 'left' ? (ja ? '発表者のスライドに戻る' : "Back to the speaker's slide") : '';
  }
}

/**
 * Follow mode, for the deck and the phone reader alike: on from the start, left when the reader moves on their
 * own (`leave`), back with the button, always holding the presenter's latest state to return to. `go` puts the
 * page at a state; the caller says how (reveal.js for the deck, a scroll for the reader).
 */
export class FollowMode {
  private following = true;
  private connected = false;
  private latest: FollowState | null = null;
  private readonly button = new FollowButton(() => this.follow());

  constructor(
    private readonly go: (state: FollowState) => void,
    private readonly pointer?: (p: PointerState) => void,
  ) {}

  start(): void {
    document.documentElement.dataset.presenting = 'follower';
    this.button.render('connecting');
    followStream({
      state: (s) => {
        this.latest = s;
        if (this.following) this.apply(s);
      },
      pointer: this.pointer,
      connected: (up) => {
        this.connected = up;
        if (this.following) this.button.render(up ? 'live' : 'connecting');
      },
    });
  }

  /** Back to the presenter's place. */
  follow(): void {
    this.following = true;
    if (this.latest) this.apply(this.latest);
    this.button.render(this.connected ? 'live' : 'connecting');
  }

  /** The reader moved on their own. */
  leave(): void {
    if (!this.following) return;
    this.following = false;
    this.button.render('left');
  }

  private apply(state: FollowState): void {
    this.go(state);
    document.documentElement.dataset.followSeq = String(state.seq);
  }
}
