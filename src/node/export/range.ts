/** `--range 3-7,10`: which slides (1-based, as the slide number shows them) an export takes. */

export interface SlideRange {
  from: number;
  to: number;
}

/** Parses the option; throws an Error saying what is wrong with it. */
export function parseRange(text: string): SlideRange[] {
  const parts = text.split(',').map((p) => p.trim());
  if (!text.trim() || parts.some((p) => !p)) throw new Error(`--range "${text}": give slide numbers and spans separated by commas, e.g. 3-7,10`);
  return parts.map((part) => {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) throw new Error(`--range "${text}": "${part}" is not a slide number or a span like 3-7`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1) throw new Error(`--range "${text}": slides are numbered from 1`);
    if (to < from) throw new Error(`--range "${text}": "${part}" ends before it starts`);
    return { from, to };
  });
}

/** The slide numbers the ranges take in a deck of `count` slides; throws when a range goes past its end. */
export function slidesIn(ranges: SlideRange[] | undefined, count: number, deck: string): Set<number> {
  if (!ranges) return new Set(Array.from({ length: count }, (_, i) => i + 1));
  const past = ranges.find((r) => r.to > count);
  if (past) throw new Error(`--range: deck "${deck}" has ${count} slide${count === 1 ? '' : 's'}, there is no slide ${past.to}`);
  const out = new Set<number>();
  for (const r of ranges) for (let n = r.from; n <= r.to; n++) out.add(n);
  return out;
}
