import { expect, test } from 'vitest';
import { CODE_FLOOR_PX, CODE_MAX_PX, fitCode, lineWidthEm } from '../src/shared/cell-geometry.js';

const lines = (n: number, text = 'print(x)') => Array.from({ length: n }, () => text).join('\n');

test('short code is drawn large, long code smaller, never under the floor', () => {
  expect(fitCode(lines(6), 'stage')).toMatchObject({ sizePx: CODE_MAX_PX, fits: true, lines: 6 });
  const demo = fitCode(lines(23, 'x'.repeat(56)), 'stage');
  expect(demo.fits).toBe(true);
  expect(demo.sizePx).toBeGreaterThanOrEqual(CODE_FLOOR_PX);
  expect(demo.sizePx).toBeLessThan(CODE_MAX_PX);
  // a trailing newline is not a line
  expect(fitCode(`${lines(3)}\n\n`, 'stage').lines).toBe(3);
});

test('code that cannot fit says why: too many lines, or a line too wide', () => {
  const tall = fitCode(lines(40), 'stage');
  expect(tall).toMatchObject({ fits: false, sizePx: CODE_FLOOR_PX });
  expect(tall.why).toMatch(/^40 lines need [\d.]+ px code; at the 16 px floor \d+ lines fit a slide$/);
  const wide = fitCode(`x = 1\n${'y'.repeat(120)}`, 'beside');
  expect(wide.fits).toBe(false);
  expect(wide.why).toMatch(/widest line \(120 columns\) .* fit a column$/);
});

test('Japanese characters count a full em, Latin about 0.6', () => {
  expect(lineWidthEm('abcde')).toBeCloseTo(3.01, 2);
  expect(lineWidthEm('# まだ動かない')).toBeCloseTo(2 * 0.602 + 6, 2);
  expect(lineWidthEm('\tx')).toBeCloseTo(5 * 0.602, 2);
});
