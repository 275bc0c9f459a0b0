/**
 * An audience member's deck in presenting mode: it follows the presenter's section and step (in its own language
 * when it is the twin deck), shows the presenter's runs and laser pointer, and comes back on its own after the
 * connection drops. Moving on one's own leaves follow mode; the Follow button brings the reader back.
 */
import type { RevealApi } from 'reveal.js';
import type { FollowState } from '../../shared/follow-protocol.js';
import { goToPosition } from '../deck-position.js';
import { FollowButton, followStream } from './follow-stream.js';
import { LaserPointer } from './laser-pointer.js';

export class Follower {
  private following = true;
  private connected = false;
  /** true while this module moves the deck: those moves are not the reader's */
  private moving = false;
  private latest: FollowState | null = null;
  private readonly button: FollowButton;
  private readonly laser: LaserPointer;

  constructor(private readonly deck: RevealApi) {
    this.button = new FollowButton(() => this.follow());
    this.laser = new LaserPointer(deck.getSlidesElement() as HTMLElement);
  }

  start(): void {
    document.documentElement.dataset.presenting = 'follower';
    for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden']) {
      this.deck.on(event, () => {
        if (!this.moving && this.following) this.leave();
      });
    }
    this.button.render('connecting');
    followStream({
      state: (s) => {
        this.latest = s;
        if (this.following) this.apply(s);
      },
      pointer: (p) => this.laser.show(p),
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

  private leave(): void {
    this.following = false;
    this.button.render('left');
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
}
