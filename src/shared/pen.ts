/**
 * The pen's model, shared by the page (drawing, storage, the windows that mirror each other), the presenting
 * server (which holds the talk's strokes to greet a follower that joins late) and the exports (--with-drawings).
 * Strokes are in the slide's own coordinates (1280×720), so they land on the same word at any screen size.
 */

export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;
export const PEN_COLORS = ['#e5243b', '#1f6fd1', '#1a9850', '#f2b705', '#111111'] as const;
export const PEN_WIDTHS = [3, 6, 12] as const;

export interface Stroke {
  id: string;
  color: string;
  width: number;
  /** x0, y0, x1, y1 … in slide pixels, rounded */
  points: number[];
}

/** Every slide's strokes, by slide key (slideKey()). */
export type Drawings = Record<string, Stroke[]>;

export type PenOp =
  /** a stroke drawn, or grown while it is drawn (same id: replaced) */
  | { op: 'add'; slide: string; stroke: Stroke }
  | { op: 'erase'; slide: string; id: string }
  /** the slide's strokes replaced: a clear is `put []`, an undo puts back what was there */
  | { op: 'put'; slide: string; strokes: Stroke[] }
  /** everything (a late follower's greeting, a file of drawings) */
  | { op: 'all'; drawings: Drawings };

/** Where a deck's strokes are kept in the browser (the exports put a file's strokes there before the deck loads). */
export const penStorageKey = (deckId: string): string => `kowakunai:pen:${deckId}`;

/** What a file saved from the pen (and read by `--with-drawings`) holds. */
export interface DrawingsFile {
  kowakunai: 'drawings';
  deck: string;
  drawings: Drawings;
}

/**
 * A slide's key: its section and rank when it has a section (the twin deck in another language has the same
 * keys, so strokes follow across languages), else its place in the deck.
 */
export function slideKey(section: string, nth: number, h: number, v: number): string {
  return section ? `${section}#${nth}` : `@${h}.${v}`;
}

/** Applies an op in place; returns the keys of the slides it changed. */
export function applyPenOp(drawings: Drawings, op: PenOp): string[] {
  switch (op.op) {
    case 'add': {
      const list = (drawings[op.slide] ??= []);
      const at = list.findIndex((s) => s.id === op.stroke.id);
      if (at >= 0) list[at] = op.stroke;
      else list.push(op.stroke);
      return [op.slide];
    }
    case 'erase': {
      const list = drawings[op.slide];
      if (!list) return [];
      drawings[op.slide] = list.filter((s) => s.id !== op.id);
      if (!drawings[op.slide].length) delete drawings[op.slide];
      return [op.slide];
    }
    case 'put':
      if (op.strokes.length) drawings[op.slide] = op.strokes.map((s) => ({ ...s }));
      else delete drawings[op.slide];
      return [op.slide];
    case 'all': {
      const keys = new Set([...Object.keys(drawings), ...Object.keys(op.drawings)]);
      for (const k of Object.keys(drawings)) delete drawings[k];
      for (const [k, list] of Object.entries(op.drawings)) if (list.length) drawings[k] = list.map((s) => ({ ...s }));
      return [...keys];
    }
  }
}

const COLOR = /^#[0-9a-f]{6}$/i;
const KEY = /^[\w@#.-]{1,240}$/;
/**
 * numbers a stroke may hold (two a point): with the slide's coordinates (four digits at most) an op carrying one
 * stays under the presenting server's 8 KB body limit; a longer drag goes on as a new stroke
 */
export const MAX_STROKE_NUMBERS = 1200;

function parseStroke(value: unknown): Stroke | null {
  if (!value || typeof value !== 'object') return null;
  const s = value as Record<string, unknown>;
  if (typeof s.id !== 'string' || !/^[\w-]{1,40}$/.test(s.id) || typeof s.color !== 'string' || !COLOR.test(s.color)) return null;
  const width = Number(s.width);
  if (!Number.isFinite(width) || width <= 0 || width > 60 || !Array.isArray(s.points)) return null;
  const points = s.points;
  if (points.length < 2 || points.length % 2 || points.length > MAX_STROKE_NUMBERS || !points.every((n) => Number.isFinite(n))) return null;
  return { id: s.id, color: s.color, width, points: points.map((n) => Math.round(n as number)) };
}

function parseStrokes(value: unknown): Stroke[] | null {
  if (!Array.isArray(value)) return null;
  const strokes = value.map(parseStroke);
  return strokes.every((s) => s) ? (strokes as Stroke[]) : null;
}

/** Checks an op from another window, the server or a file; null when it is not one. */
export function parsePenOp(value: unknown): PenOp | null {
  if (!value || typeof value !== 'object') return null;
  const o = value as Record<string, unknown>;
  if (o.op === 'all') {
    const drawings = parseDrawings(o.drawings);
    return drawings ? { op: 'all', drawings } : null;
  }
  if (typeof o.slide !== 'string' || !KEY.test(o.slide)) return null;
  if (o.op === 'add') {
    const stroke = parseStroke(o.stroke);
    return stroke ? { op: 'add', slide: o.slide, stroke } : null;
  }
  if (o.op === 'erase') return typeof o.id === 'string' ? { op: 'erase', slide: o.slide, id: o.id } : null;
  if (o.op === 'put') {
    const strokes = parseStrokes(o.strokes);
    return strokes ? { op: 'put', slide: o.slide, strokes } : null;
  }
  return null;
}

export function parseDrawings(value: unknown): Drawings | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Drawings = {};
  for (const [key, list] of Object.entries(value as Record<string, unknown>)) {
    const strokes = parseStrokes(list);
    if (!KEY.test(key) || !strokes) return null;
    if (strokes.length) out[key] = strokes;
  }
  return out;
}

/** Numbers held in all strokes: what the server bounds its copy by. */
export function drawingsSize(drawings: Drawings): number {
  return Object.values(drawings).reduce((n, list) => n + list.reduce((m, s) => m + s.points.length, 0), 0);
}

/** A slide's strokes as ops that each fit a request body: the slide emptied, then one stroke at a time. */
export function slideOps(slide: string, strokes: Stroke[]): PenOp[] {
  return [{ op: 'put', slide, strokes: [] }, ...strokes.map((stroke): PenOp => ({ op: 'add', slide, stroke }))];
}

/**
 * The SVG path of a stroke: a smooth curve through the midpoints of its points (quadratic Béziers with the points
 * as control points), so a hand-drawn line is not a polygon; one point is a dot.
 */
export function strokePath(points: readonly number[]): string {
  const n = points.length / 2;
  if (n < 1) return '';
  const x = (i: number) => points[2 * i];
  const y = (i: number) => points[2 * i + 1];
  if (n === 1) return `M${x(0)} ${y(0)}l0 0.01`;
  if (n === 2) return `M${x(0)} ${y(0)}L${x(1)} ${y(1)}`;
  let d = `M${x(0)} ${y(0)}`;
  for (let i = 1; i < n - 1; i++) d += `Q${x(i)} ${y(i)} ${(x(i) + x(i + 1)) / 2} ${(y(i) + y(i + 1)) / 2}`;
  return `${d}L${x(n - 1)} ${y(n - 1)}`;
}

/** Adds a point unless it is within `minDistance` of the last one: a slow drag is not hundreds of points. */
export function addPoint(points: number[], x: number, y: number, minDistance = 2): boolean {
  const rx = Math.round(x);
  const ry = Math.round(y);
  const n = points.length;
  if (n >= 2 && Math.hypot(points[n - 2] - rx, points[n - 1] - ry) < minDistance) return false;
  if (n >= MAX_STROKE_NUMBERS) return false;
  points.push(rx, ry);
  return true;
}
