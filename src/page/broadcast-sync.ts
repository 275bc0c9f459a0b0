/**
 * Two windows of one browser follow each other — a projector window and a notes window, or the Japanese deck
 * and its English twin — with no server at all: a deck opened from a static host can be presented on two screens.
 * Messages carry sections and steps (deck-position.ts), so twins in two languages stay on the same slide.
 */
import type { RevealApi } from 'reveal.js';
import type { DeckPosition } from '../shared/follow-protocol.js';
import { goToPosition, onDemoSwitch, positionOf, samePosition } from './deck-position.js';

interface SyncMessage {
  from: string;
  pos: DeckPosition;
}

export class BroadcastSync {
  private readonly id = Math.random().toString(36).slice(2);
  private channel: BroadcastChannel | null = null;
  private applying = false;

  constructor(
    private readonly deck: RevealApi,
    /** this deck and its twins: one channel for the talk in every language */
    private readonly talk: string[],
  ) {}

  start(): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(`kowakunai-sync:${[...this.talk].sort().join('+')}`);
    this.channel.addEventListener('message', (e: MessageEvent<SyncMessage>) => {
      if (e.data?.from === this.id || !e.data?.pos || samePosition(positionOf(this.deck), e.data.pos)) return;
      this.applying = true;
      try {
        goToPosition(this.deck, e.data.pos);
      } finally {
        this.applying = false;
      }
    });
    for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden']) this.deck.on(event, () => this.post());
    onDemoSwitch(() => this.post());
  }

  private post(): void {
    if (this.applying || !this.channel) return;
    this.channel.postMessage({ from: this.id, pos: positionOf(this.deck) } satisfies SyncMessage);
  }
}
