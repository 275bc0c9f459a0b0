import { describe, expect, test } from 'vitest';
import { checkRecordings, judgeRecording, parseExpectation } from '../src/node/check/check-recordings.js';
import type { CellResult } from '../src/shared/types.js';

const run = (status: CellResult['status'], seconds: number): CellResult => ({
  status,
  totalMs: seconds * 1000,
  tasks: [],
  blocked: [],
  output: [],
  droppedLines: 0,
  ...(status === 'error' ? { error: { message: 'TypeError: no soba today' } } : {}),
});

describe('the recordings check', () => {
  test('reads a deck\'s expectation: "6s", "3 s", "≈1.5s", "error"; anything else is not one', () => {
    expect(parseExpectation('6s')).toEqual({ seconds: 6 });
    expect(parseExpectation('3 s')).toEqual({ seconds: 3 });
    expect(parseExpectation('≈1.5s')).toEqual({ seconds: 1.5 });
    expect(parseExpectation('error')).toEqual({ error: true });
    expect(parseExpectation('fast')).toBeNull();
  });

  test('the 6 s / 3 s pair: a run far from its stated time is implausible, one near it is fine', () => {
    expect(judgeRecording(run('done', 6.04), { seconds: 6 })).toBeNull();
    expect(judgeRecording(run('done', 3.4), { seconds: 3 })).toBeNull();
    expect(judgeRecording(run('done', 6.01), { seconds: 3 })).toMatch(/recorded 6\.01 s, the deck expects about 3 s/);
  });

  test('an error the deck did not expect, an expected error that did not come, a missing recording', () => {
    expect(judgeRecording(run('error', 0.1), null)).toMatch(/ended error: TypeError: no soba today — the deck does not say/);
    expect(judgeRecording(run('error', 0.1), { error: true })).toBeNull();
    expect(judgeRecording(run('done', 0.1), { error: true })).toMatch(/expected to fail/);
    expect(judgeRecording(undefined, null)).toMatch(/no recording of its current code \(run kowakunai record\)/);
  });

  test('names deck and cell, and a malformed expectation', () => {
    const cells = [
      { id: 'tasks', props: { expect: '3s' } },
      { id: 'one-by-one', props: { expect: 'slow' } },
      { id: 'new', props: {} },
    ] as never;
    const recorded = new Map([['tasks', run('done', 6)], ['one-by-one', run('done', 6)]]);
    expect(checkRecordings([{ id: 'talk', cells, recorded }]).map((p) => `${p.deck}/${p.cell}: ${p.detail}`)).toEqual([
      expect.stringMatching(/^talk\/tasks: recorded 6\.00 s, the deck expects about 3 s/),
      'talk/one-by-one: expect="slow" is not an expectation (write expect="6s" or expect="error")',
      expect.stringMatching(/^talk\/new: no recording/),
    ]);
  });
});
