import type { PointerState } from '../../shared/follow-protocol.js';

/**
 * The laser pointer: a red dot on the slide. Positions are fractions of the slide's box, so the dot lands on the
 * same word on a projector, a laptop and an audience member's screen of any size.
 */
export class LaserPointer {
  private readonly dot: HTMLElement;

  constructor(slides: HTMLElement) {
    this.dot = document.createElement('div');
    this.dot.className = 'k-laser';
    this.dot.hidden = true;
    this.dot.setAttribute('aria-hidden', 'true');
    slides.append(this.dot);
  }

  show(p: PointerState): void {
    this.dot.hidden = !p.on;
    this.dot.style.left = `${p.x * 100}%`;
    this.dot.style.top = `${p.y * 100}%`;
  }

  get visible(): boolean {
    return !this.dot.hidden;
  }
}

/** Where a mouse event falls in the slides' box (0..1 each way), or null outside it. */
export function pointerIn(slides: HTMLElement, e: MouseEvent): { x: number; y: number } | null {
  const box = slides.getBoundingClientRect();
  const x = (e.clientX - box.left) / box.width;
  const y = (e.clientY - box.top) / box.height;
  return x < 0 || x > 1 || y < 0 || y > 1 ? null : { x, y };
}
