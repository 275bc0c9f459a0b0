/**
 * Strokes drawn on the slides: one <svg> in the slide's own 1280×720 coordinates inside each <section>, so the
 * strokes scale with the slide and are printed with it. A slide gets its layer only when it has strokes (or is
 * being drawn on): the other slides stay exactly as built.
 */
import type { RevealApi } from 'reveal.js';
import { SLIDE_HEIGHT, SLIDE_WIDTH, slideKey, strokePath, type Stroke } from '../../shared/pen.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

export class PenLayer {
  /** slide key → the slide's data-slide number (print view copies a slide per step: all copies carry it) */
  private readonly numberOf = new Map<string, string>();
  private readonly keyOf = new Map<Element, string>();

  constructor(private readonly deck: RevealApi) {
    const slides = deck.getSlides() as HTMLElement[];
    const rank = new Map<string, number>();
    for (const slide of slides) {
      const section = slide.dataset.section ?? '';
      const nth = rank.get(section) ?? 0;
      rank.set(section, nth + 1);
      const { h, v } = deck.getIndices(slide);
      const key = slideKey(section, nth, h, v ?? 0);
      this.keyOf.set(slide, key);
      if (slide.dataset.slide) this.numberOf.set(key, slide.dataset.slide);
    }
  }

  keys(): string[] {
    return [...this.keyOf.values()];
  }

  currentKey(): string {
    return this.keyOf.get(this.deck.getCurrentSlide()) ?? '';
  }

  /** Every element showing the slide: the slide, and in the print view its copies. */
  private elements(key: string): HTMLElement[] {
    const n = this.numberOf.get(key);
    if (n) return [...document.querySelectorAll<HTMLElement>(`.reveal section[data-slide="${CSS.escape(n)}"]`)];
    return [...this.keyOf].filter(([, k]) => k === key).map(([el]) => el as HTMLElement);
  }

  /** The current slide's layer, made if it has none yet. */
  currentSvg(): SVGSVGElement {
    const slide = this.deck.getCurrentSlide() as HTMLElement;
    return slide.querySelector<SVGSVGElement>(':scope > svg.k-pen') ?? slide.appendChild(newLayer());
  }

  render(key: string, strokes: Stroke[]): void {
    const current = key === this.currentKey();
    for (const el of this.elements(key)) {
      let svg = el.querySelector<SVGSVGElement>(':scope > svg.k-pen');
      if (!strokes.length && !(current && el === this.deck.getCurrentSlide())) {
        svg?.remove();
        continue;
      }
      svg ??= el.appendChild(newLayer());
      svg.replaceChildren(...strokes.map(pathOf));
    }
  }

  /** Draws the slide `el` again (a layer made to draw on goes if nothing was drawn). */
  renderSlide(el: HTMLElement, strokes: (key: string) => Stroke[]): void {
    const key = this.keyOf.get(el);
    if (key !== undefined) this.render(key, strokes(key));
  }

  /** Draws one stroke again (it grows while it is drawn) without touching the others. */
  update(svg: SVGSVGElement, stroke: Stroke): void {
    const path = svg.querySelector<SVGPathElement>(`path[data-stroke="${CSS.escape(stroke.id)}"]`);
    if (path) path.setAttribute('d', strokePath(stroke.points));
    else svg.append(pathOf(stroke));
  }
}

function newLayer(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.classList.add('k-pen');
  svg.setAttribute('viewBox', `0 0 ${SLIDE_WIDTH} ${SLIDE_HEIGHT}`);
  svg.setAttribute('aria-hidden', 'true');
  return svg;
}

function pathOf(stroke: Stroke): SVGPathElement {
  const path = document.createElementNS(SVG_NS, 'path');
  path.dataset.stroke = stroke.id;
  path.setAttribute('d', strokePath(stroke.points));
  path.setAttribute('stroke', stroke.color);
  path.setAttribute('stroke-width', String(stroke.width));
  return path;
}
