/**
 * The pen: P takes it up and puts it down; a drag on the slide draws, E switches to the eraser, C clears the
 * slide, Z undoes. Only pointer input on the slide is taken: every navigation key still moves the deck.
 */
import type { RevealApi } from 'reveal.js';
import { MAX_STROKE_NUMBERS, PEN_COLORS, PEN_WIDTHS, SLIDE_HEIGHT, SLIDE_WIDTH, addPoint, type Stroke } from '../../shared/pen.js';
import { PEN_TOGGLE_EVENT } from './pen-events.js';
import { PenLayer } from './pen-layer.js';
import { PenStore } from './pen-store.js';
import { PenToolbar, type PenAction } from './pen-toolbar.js';


export interface PenOptions {
  deckId: string;
  talk: string[];
  /** the speaker view's slide frames and an audience member's deck show strokes, and draw none */
  mirrorOnly: () => boolean;
}

export class Pen {
  readonly store: PenStore;
  private readonly layer: PenLayer;
  private readonly toolbar: PenToolbar;
  private on = false;
  private eraser = false;
  private color: string = PEN_COLORS[0];
  private width: number = PEN_WIDTHS[1];
  private drawing: { stroke: Stroke; slide: string; svg: SVGSVGElement; pointer: number; erased?: boolean; last?: [number, number] } | null = null;
  private frame = 0;

  constructor(
    private readonly deck: RevealApi,
    private readonly opts: PenOptions,
  ) {
    this.layer = new PenLayer(deck);
    this.store = new PenStore({
      deckId: opts.deckId,
      talk: opts.talk,
      persist: () => !opts.mirrorOnly(),
      changed: (slides) => slides.forEach((k) => this.layer.render(k, this.store.strokes(k))),
    });
    this.toolbar = new PenToolbar(
      {
        color: (c) => this.choose(c, this.width, false),
        width: (w) => this.choose(this.color, w, this.eraser),
        action: (a) => this.act(a),
      },
      document.documentElement.lang.startsWith('ja'),
    );
  }

  start(withKeys: boolean): void {
    for (const key of this.layer.keys()) if (this.store.strokes(key).length) this.layer.render(key, this.store.strokes(key));
    this.store.announce();
    if (!withKeys) return;
    this.deck.addKeyBinding({ keyCode: 80, key: 'P', description: 'Pen: draw on the slide (E eraser, C clear, Z undo); P again to stop' }, () => this.toggle());
    this.deck.addKeyBinding({ keyCode: 69, key: 'E', description: 'Pen on: eraser' }, () => this.on && this.choose(this.color, this.width, !this.eraser));
    this.deck.addKeyBinding({ keyCode: 67, key: 'C', description: 'Pen on: clear the slide' }, () => this.on && this.act('clear'));
    this.deck.addKeyBinding({ keyCode: 90, key: 'Z', description: 'Pen on: undo' }, () => this.on && this.act('undo'));
    document.addEventListener('keydown', (e) => {
      // a cell's editor keeps its own undo
      const typing = (e.target as Element | null)?.closest?.('input, textarea, [contenteditable]');
      if (this.on && !typing && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        this.act('undo');
      }
    });
    document.addEventListener(PEN_TOGGLE_EVENT, () => this.toggle());
    this.deck.on('slidechanged', (e: Event) => {
      // the slide left keeps a layer only if it has strokes
      const left = (e as Event & { previousSlide?: HTMLElement }).previousSlide;
      if (left) this.layer.renderSlide(left, (key) => this.store.strokes(key));
      if (this.on) this.arm();
    });
    const slides = this.deck.getSlidesElement() as HTMLElement;
    slides.addEventListener('pointerdown', (e) => this.down(e));
    slides.addEventListener('pointermove', (e) => this.move(e));
    slides.addEventListener('pointerup', (e) => this.up(e));
    slides.addEventListener('pointercancel', (e) => this.up(e));
    // reveal.js turns a swipe into a slide change: not while drawing
    slides.addEventListener('touchstart', (e) => this.on && e.stopPropagation(), { capture: true });
    slides.addEventListener('touchmove', (e) => this.on && e.stopPropagation(), { capture: true });
  }

  toggle(): void {
    if (this.opts.mirrorOnly()) return;
    this.on = !this.on;
    this.up(null);
    document.documentElement.classList.toggle('k-pen-on', this.on);
    this.toolbar.show(this.on);
    this.toolbar.select(this.color, this.width, this.eraser);
    if (this.on) this.arm();
    else this.layer.render(this.layer.currentKey(), this.store.strokes(this.layer.currentKey()));
  }

  /** the current slide gets its layer to draw on */
  private arm(): void {
    this.layer.currentSvg();
  }

  private choose(color: string, width: number, eraser: boolean): void {
    this.color = color;
    this.width = width;
    this.eraser = eraser;
    document.documentElement.classList.toggle('k-pen-eraser', eraser);
    this.toolbar.select(color, width, eraser);
  }

  private act(action: PenAction): void {
    const slide = this.layer.currentKey();
    if (action === 'close') return this.toggle();
    if (action === 'eraser') return this.choose(this.color, this.width, !this.eraser);
    if (action === 'undo') return void this.store.undo(slide);
    if (action === 'save') return this.save();
    if (!this.store.strokes(slide).length) return;
    this.store.checkpoint(slide);
    this.store.apply({ op: 'put', slide, strokes: [] }, 'local');
  }

  private save(): void {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([this.store.toFile()], { type: 'application/json' }));
    a.download = `${this.opts.deckId}.drawings.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  /** a point of the event in the slide's coordinates */
  private at(e: PointerEvent, svg: SVGSVGElement): [number, number] {
    const box = svg.getBoundingClientRect();
    return [((e.clientX - box.left) / box.width) * SLIDE_WIDTH, ((e.clientY - box.top) / box.height) * SLIDE_HEIGHT];
  }

  private down(e: PointerEvent): void {
    if (!this.on || e.button > 0 || this.drawing) return;
    e.preventDefault();
    e.stopPropagation();
    const svg = this.layer.currentSvg();
    const slide = this.layer.currentKey();
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    if (this.eraser) {
      this.drawing = { stroke: { id: '', color: '', width: 0, points: [] }, slide, svg, pointer: e.pointerId, erased: false };
      return this.erase(e);
    }
    const stroke: Stroke = { id: Math.random().toString(36).slice(2, 12), color: this.color, width: this.width, points: [] };
    addPoint(stroke.points, ...this.at(e, svg));
    this.store.checkpoint(slide);
    this.drawing = { stroke, slide, svg, pointer: e.pointerId };
    this.layer.update(svg, stroke);
  }

  private move(e: PointerEvent): void {
    const d = this.drawing;
    if (!d || e.pointerId !== d.pointer) return;
    e.preventDefault();
    if (this.eraser) return this.erase(e);
    for (const p of e.getCoalescedEvents?.() ?? [e]) addPoint(d.stroke.points, ...this.at(p, d.svg));
    this.layer.update(d.svg, d.stroke);
    if (d.stroke.points.length >= MAX_STROKE_NUMBERS) return this.continueStroke(d);
    // the other windows see the stroke grow, at most once a frame
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      if (this.drawing === d) this.store.apply({ op: 'add', slide: d.slide, stroke: { ...d.stroke, points: [...d.stroke.points] } }, 'local');
    });
  }

  /** a stroke full to its limit is finished, and the drag goes on as a new one from where it ended */
  private continueStroke(d: NonNullable<Pen['drawing']>): void {
    this.store.apply({ op: 'add', slide: d.slide, stroke: d.stroke }, 'local');
    const stroke: Stroke = { ...d.stroke, id: Math.random().toString(36).slice(2, 12), points: d.stroke.points.slice(-2) };
    this.drawing = { ...d, stroke };
    this.layer.update(d.svg, stroke);
  }

  private up(e: PointerEvent | null): void {
    const d = this.drawing;
    if (!d || (e && e.pointerId !== d.pointer)) return;
    this.drawing = null;
    if (!this.eraser && d.stroke.points.length) this.store.apply({ op: 'add', slide: d.slide, stroke: d.stroke }, 'local');
  }

  /** the eraser takes whole strokes: any stroke the pointer passed over goes, however fast it moved */
  private erase(e: PointerEvent): void {
    const d = this.drawing!;
    const [x0, y0] = d.last ?? [e.clientX, e.clientY];
    d.last = [e.clientX, e.clientY];
    const n = Math.max(1, Math.ceil(Math.hypot(e.clientX - x0, e.clientY - y0) / 2));
    for (let i = 1; i <= n; i++) this.eraseAt(d, x0 + ((e.clientX - x0) * i) / n, y0 + ((e.clientY - y0) * i) / n);
  }

  private eraseAt(d: NonNullable<Pen['drawing']>, x: number, y: number): void {
    for (const el of document.elementsFromPoint(x, y)) {
      const id = el instanceof SVGPathElement && el.parentNode === d.svg ? el.dataset.stroke : undefined;
      if (!id) continue;
      // one undo step for everything one drag of the eraser took
      if (!d.erased) this.store.checkpoint(d.slide);
      d.erased = true;
      this.store.apply({ op: 'erase', slide: d.slide, id }, 'local');
    }
  }
}
