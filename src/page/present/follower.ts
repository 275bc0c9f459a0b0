/**
 * An audience member's deck in presenting mode: it follows the presenter's section and step (in its own language
 * when it is the twin deck), shows the presenter's runs and laser pointer, and comes back on its own after the
 * connection drops. Moving on one's own leaves follow mode; the Follow button brings the reader back.
 */
import type { RevealApi } from 'reveal.js';
import { PRESENT_BASE, type FollowState, type MirroredRun, type PointerState } from '../../shared/follow-protocol.js';
import { goToPosition } from '../deck-position.js';
import { LaserPointer } from './laser-pointer.js';

interface MirroringCell extends HTMLElement {
  mirror(run: number, event: MirroredRun['event']): void;
}

export class Follower {
  private following = true;
  /** true while this module moves the deck: those moves are not the reader's */
  private moving = false;
  private latest: FollowState | null = null;
  private stream: EventSource | null = null;
  private readonly button: HTMLButtonElement;
  private readonly laser: LaserPointer;
  private readonly ja: boolean;

  constructor(private readonly deck: RevealApi) {
    this.ja = document.documentElement.lang.startsWith('ja');
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'k-float k-follow';
    this.button.addEventListener('click', () => this.follow());
    this.laser = new LaserPointer(deck.getSlidesElement() as HTMLElement);
  }

  start(): void {
    document.documentElement.dataset.presenting = 'follower';
    document.body.append(this.button);
    for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden']) {
      this.deck.on(event, () => {
        if (!this.moving && this.following) this.leave();
      });
    }
    this.connect();
    this.render('connecting');
  }

  /** Back to the presenter's place. */
  follow(): void {
    this.following = true;
    if (this.latest) this.apply(this.latest);
    this.render(this.stream?.readyState === EventSource.OPEN ? 'live' : 'connecting');
  }

  private leave(): void {
    this.following = false;
    this.render('left');
  }

  private connect(): void {
    const stream = new EventSource(`${PRESENT_BASE}follow`);
    this.stream = stream;
    stream.addEventListener('open', () => this.render(this.following ? 'live' : 'left'));
    stream.addEventListener('state', (e) => {
      const state = JSON.parse((e as MessageEvent<string>).data) as FollowState;
      this.latest = state;
      if (this.following) this.apply(state);
    });
    stream.addEventListener('run', (e) => {
      const { cell, run, event } = JSON.parse((e as MessageEvent<string>).data) as MirroredRun;
      const el = document.querySelector<MirroringCell>(`live-cell[data-cell-id="${CSS.escape(cell)}"]`);
      if (!el) return;
      // the presenter runs the demo in the language they chose (T): show that pane here too
      const pane = el.closest<HTMLElement>('[data-twin]');
      if (event.type === 'started' && pane?.hidden) pane.parentElement?.querySelector<HTMLButtonElement>(`[data-twin-tab="${CSS.escape(pane.dataset.twin!)}"]`)?.click();
      el.mirror?.(run, event);
    });
    stream.addEventListener('pointer', (e) => this.laser.show(JSON.parse((e as MessageEvent<string>).data) as PointerState));
    stream.addEventListener('error', () => {
      if (this.following) this.render('connecting');
      // EventSource retries by itself after a dropped stream; a refused one (server restarting) it gives up on
      if (stream.readyState === EventSource.CLOSED) setTimeout(() => this.connect(), 1000);
    });
  }

  private apply(state: FollowState): void {
    this.moving = true;
    try {
      goToPosition(this.deck, state.pos);
    } finally {
      this.moving = false;
    }
    document.documentElement.dataset.followSeq = String(state.seq);
  }

  private render(mode: 'live' | 'connecting' | 'left'): void {
    const ja = this.ja;
    this.button.dataset.mode = mode;
    this.button.disabled = mode !== 'left';
    this.button.textContent =
      mode === 'left' ? (ja ? '↩ 発表者に戻る' : '↩ Follow the speaker') : mode === 'live' ? (ja ? '● 発表者に追従中' : '● Following the speaker') : ja ? '○ 再接続中…' : '○ Reconnecting…';
    this.button.title = mode === 'left' ? (ja ? '発表者のスライドに戻る' : "Back to the speaker's slide") : '';
  }
}
