/**
 * An audience member's deck in presenting mode: it follows the presenter's section and step (in its own language
 * when it is the twin deck), shows the presenter's runs and laser pointer, and comes back on its own after the
 * connection drops. Moving on one's own leaves follow mode; the Follow button brings the reader back.
 */
import type { RevealApi } from 'reveal.js';
import type { FollowState } from '../../shared/follow-protocol.js';
import { goToPosition } from '../deck-position.js';
import { FollowMode } from './follow-stream.js';
import { LaserPointer } from './laser-pointer.js';

export class Follower {
  /** true while this module moves the deck: those moves are not the reader's */
  private moving = false;
  private readonly mode: FollowMode;

  constructor(private readonly deck: RevealApi) {
    const laser = new LaserPointer(deck.getSlidesElement() as HTMLElement);
    this.mode = new FollowMode((s) => this.goTo(s), (p) => laser.show(p));
  }

  start(): void {
    for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden']) {
      this.deck.on(event, () => {
        if (!this.moving) this.mode.leave();
      });
    }
    this.mode.start();
  }

  private goTo(state: FollowState): void {
    this.moving = true;
    try {
      goToPosition(this.deck, state.pos);
    } finally {
      this.moving = false;
    }
  }
}
