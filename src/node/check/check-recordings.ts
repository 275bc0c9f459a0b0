/**
 * The recordings part of `kowakunai check`: every cell has a recording of its current code (recordings.json), and
 * each recording says what the deck says it shows. A deck states it on the cell: `expect="6s"` (about six seconds:
 * within a quarter, or half a second for short demos) and `expect="error"` (the run is meant to fail). A run that
 * failed, or timed out, where the deck expects none is reported too: a demo recorded while the machine was busy,
 * or broken since, is seen before the talk, not during it.
 */
import type { BuiltDeck } from '../pipeline/site.js';
import type { CellResult } from '../../shared/types.js';

export interface RecordingProblem {
  deck: string;
  cell: string;
  detail: string;
}

export interface CellExpectation {
  seconds?: number;
  error?: boolean;
}

/** `6s`, `3 s`, `≈3s`, `1.5 s` → seconds; `error` → an error is expected; anything else is not an expectation. */
export function parseExpectation(text: string | undefined): CellExpectation | null {
  if (text === undefined) return null;
  const t = text.trim().replace(/^[≈~]\s*/, '');
  if (/^error$/i.test(t)) return { error: true };
  const m = /^(\d+(?:\.\d+)?)\s*s$/.exec(t);
  return m ? { seconds: Number(m[1]) } : null;
}

/** How far a recorded time may be from the stated one. */
export const tolerance = (seconds: number): number => Math.max(0.5, seconds * 0.25);

export function judgeRecording(result: CellResult | undefined, expect: CellExpectation | null): string | null {
  if (!result) return 'no recording of its current code (run kowakunai record)';
  const took = result.totalMs / 1000;
  if (expect?.error) return result.status === 'error' ? null : `expected to fail, but the recorded run ended ${result.status}`;
  if (result.status !== 'done') return `the recorded run ended ${result.status}${result.error ? `: ${result.error.message.split('\n')[0]}` : ''} — the deck does not say it should (expect="error")`;
  if (expect?.seconds !== undefined && Math.abs(took - expect.seconds) > tolerance(expect.seconds)) {
    return `recorded ${took.toFixed(2)} s, the deck expects about ${expect.seconds} s (kowakunai record --only <id> on a quiet machine, or fix the demo)`;
  }
  return null;
}

/** Every problem with the decks' recordings, in deck order. */
export function checkRecordings(decks: Pick<BuiltDeck, 'id' | 'cells' | 'recorded'>[]): RecordingProblem[] {
  return decks.flatMap((deck) =>
    deck.cells.flatMap((cell) => {
      const raw = (cell.props as { expect?: string }).expect;
      const expect = parseExpectation(raw);
      const problem = raw !== undefined && !expect ? `expect="${raw}" is not an expectation (write expect="6s" or expect="error")` : judgeRecording(deck.recorded.get(cell.id), expect);
      return problem ? [{ deck: deck.id, cell: cell.id, detail: problem }] : [];
    }),
  );
}
