/**
 * The phone reader (reader.ts: slides one under the other, no reveal.js) in presenting mode: it scrolls to the
 * presenter's slide and shows the presenter's runs. A reader who scrolls on their own leaves; the button brings
 * them back.
 */
import type { FollowState } from '../../shared/follow-protocol.js';
import { scrollToSlide } from '../reader.js';
import { FollowButton, followStream } from './follow-stream.js';

export class ReaderFollower {
  private following = true;
  private connected = false;
  private latest: FollowState | null = null;
  private readonly button = new FollowButton(() => this.follow());

  constructor(private readonly slides: HTMLElement[]) {}

  start(): void {
    document.documentElement.dataset.presenting = 'follower';
    // the reader's own hand on the page (a programmatic scroll fires none of these)
    for (const event of ['touchstart', 'wheel', 'keydown']) addEventListener(event, () => this.following && this.leave(), { passive: true });
    this.button.render('connecting');
    followStream({
      state: (s) => {
        this.latest = s;
        if (this.following) this.apply(s);
      },
      connected: (up) => {
        this.connected = up;
        if (this.following) this.button.render(up ? 'live' : 'connecting');
      },
    });
  }

  private follow(): void {
    this.following = true;
    if (this.latest) this.apply(this.latest);
    this.button.render(this.connected ? 'live' : 'connecting');
  }

  private leave(): void {
    this.following = false;
    this.button.render('left');
  }

  private apply(state: FollowState): void {
    const same = this.slides.filter((s) => s.dataset.section === state.pos.section);
    const slide = same.length ? same[Math.min(state.pos.nth, same.length - 1)] : this.slides[state.pos.h];
    // held there while the slides around it settle their sizes, as the reader's own landing is
    if (slide) scrollToSlide(slide);
    document.documentElement.dataset.followSeq = String(state.seq);
  }
}
