/**
 * The talk's demos, as recorded at build time, must show the figures of the outline's table.
 * This builds both decks for real: each cell runs once (cached by content in .cache/cells).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { buildDeck, type BuiltDeck } from '../src/build/site.js';
import type { CellResult } from '../src/shared/types.js';

const decks: Record<string, BuiltDeck> = {};
beforeAll(async () => {
  for (const id of ['asyncio-ja', 'asyncio-en']) decks[id] = await buildDeck(id);
}, 120_000);

const s = (r: CellResult) => r.totalMs / 1000;
const text = (r: CellResult) => r.output.map((l) => l.text).join('\n');
const taskBars = (r: CellResult) => r.tasks.filter((t) => t.name !== 'main');

/** The outline's table: the figure each demo must show, with a tolerance for a busy 2-core machine. */
const FIGURES: Record<string, { min: number; max: number; check?: (r: CellResult) => void }> = {
  'await-one-by-one': {
    min: 5.95,
    max: 6.8,
    check: (r) => {
      const bars = taskBars(r).sort((a, b) => a.start - b.start);
      expect(bars).toHaveLength(3);
      // one after another: each starts when the previous one ended
      for (let i = 1; i < bars.length; i++) expect(bars[i].start).toBeGreaterThanOrEqual(bars[i - 1].end! - 20);
    },
  },
  tasks: {
    min: 2.95,
    max: 3.6,
    check: (r) => {
      const bars = taskBars(r);
      expect(bars).toHaveLength(3);
      for (const b of bars) expect(b.start).toBeLessThan(100); // overlapping from t = 0
    },
  },
  gather: {
    min: 2.95,
    max: 3.6,
    check: (r) => {
      // finished A, B, C (the quickest first) …
      const finished = taskBars(r).sort((a, b) => a.end! - b.end!).map((t) => t.name);
      expect(finished).toEqual(['A', 'B', 'C']);
      // … yet the results come back in the order given: C, B, A
      const printed = r.output.find((l) => /\[.*C.*B.*A.*\]/s.test(l.text));
      expect(printed, text(r)).toBeDefined();
    },
  },
  'blocking-client': {
    min: 2.9,
    max: 4.0,
    check: (r) => {
      expect(r.blocked.filter((b) => b.end - b.start > 900)).toHaveLength(3);
      expect(r.output.filter((l) => l.stream === 'warn' && /took 1\.\d{3} seconds/.test(l.text)).length).toBeGreaterThanOrEqual(3);
    },
  },
  'async-client': { min: 0.95, max: 1.8, check: (r) => expect(r.blocked.filter((b) => b.end - b.start > 100)).toEqual([]) },
  'to-thread': { min: 0.95, max: 1.8, check: (r) => expect(r.blocked.filter((b) => b.end - b.start > 100)).toEqual([]) },
  semaphore: {
    min: 2.95,
    max: 3.9,
    check: (r) => {
      // nine jobs, finishing in three waves of three, around 1, 2 and 3 s
      const ends = r.output.filter((l) => /^#\d+ done/.test(l.text)).map((l) => Math.round(l.t / 1000));
      expect(ends).toHaveLength(9);
      expect([1, 2, 3].map((w) => ends.filter((e) => e === w).length)).toEqual([3, 3, 3]);
    },
  },
};

describe.each(['asyncio-ja', 'asyncio-en'])('%s: recorded demo figures', (deckId) => {
  for (const [cellId, figure] of Object.entries(FIGURES)) {
    test(`${cellId}: ${figure.min}–${figure.max} s`, () => {
      const r = decks[deckId].recorded.get(cellId);
      expect(r, `cell ${cellId} is in the deck and recorded`).toBeDefined();
      expect(r!.status).toBe('done');
      expect(s(r!)).toBeGreaterThanOrEqual(figure.min);
      expect(s(r!)).toBeLessThanOrEqual(figure.max);
      figure.check?.(r!);
    });
  }
});
