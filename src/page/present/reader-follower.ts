/**
 * The phone reader (reader.ts: slides one under the other, no reveal.js) in presenting mode: it scrolls to the
 * presenter's slide and shows the presenter's runs. A reader who scrolls on their own leaves; the button brings
 * them back.
 */
import type { FollowState } from '../../shared/follow-protocol.js';
import { slideInSection } from '../deck-position.js';
import { scrollToSlide } from '../reader.js';
import { FollowMode } from './follow-stream.js';

export class ReaderFollower {
  private readonly mode = new FollowMode((s) => this.scrollTo(s));

  constructor(private readonly slides: HTMLElement[]) {}

  start(): void {
    // the reader's own hand on the page (a programmatic scroll fires none of these)
    for (const event of ['touchstart', 'wheel', 'keydown']) addEventListener(event, () => this.mode.leave(), { passive: true });
    this.mode.start();
  }

  private scrollTo(state: FollowState): void {
    // the reader's slides are the deck's in order, so the presenter's index finds one without a section
    const slide = slideInSection(this.slides, state.pos) ?? this.slides[state.pos.h];
    // held there while the slides around it settle their sizes, as the reader's own landing is
    if (slide) scrollToSlide(slide);
  }
}
