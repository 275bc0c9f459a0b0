import { describe, expect, test } from 'vitest';
import { formatElapsed, formatStamp, formatTick } from '../src/shared/format.js';
import { blockedTotalMs, renderTimelineSvg, timelineSummary } from '../src/shared/timeline-svg.js';
import type { CellResult, TaskSpan } from '../src/shared/types.js';

type Timed = Pick<CellResult, 'tasks' | 'blocked' | 'totalMs'>;

const task = (id: number, name: string, start: number, end: number | null, waits: TaskSpan['waits'] = []): TaskSpan => ({
  id,
  name,
  start,
  end,
  waits,
});

/** three tasks sleeping 1, 2 and 3 s concurrently */
const tasks3: Timed = {
  totalMs: 3000,
  tasks: [
    task(1, 'A', 0, 1000, [{ start: 5, end: 1000, on: 'sleep(1)' }]),
    task(2, 'B', 0, 2000, [{ start: 5, end: 2000, on: 'sleep(2)' }]),
    task(3, 'C', 0, 3000, [{ start: 5, end: 3000, on: 'sleep(3)' }]),
  ],
  blocked: [],
};

const count = (svg: string, needle: string) => svg.split(needle).length - 1;

describe('formatting', () => {
  test('elapsed time reads like "3.00 s"', () => {
    expect(formatElapsed(3000)).toBe('3.00 s');
    expect(formatElapsed(1234.5)).toBe('1.23 s');
    expect(formatElapsed(0)).toBe('0.00 s');
    expect(formatElapsed(-5)).toBe('0.00 s');
    expect(formatElapsed(Number.NaN)).toBe('0.00 s');
    expect(formatStamp(1002.4)).toBe('1.00');
    expect(formatTick(500)).toBe('0.5 s');
    expect(formatTick(2000)).toBe('2 s');
    expect(formatTick(300.00000004)).toBe('0.3 s');
  });
});

describe('renderTimelineSvg', () => {
  test('one row and bar per task, labelled, with an accessible summary', () => {
    const svg = renderTimelineSvg(tasks3);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="3 tasks over 3.00 s, loop blocked 0.00 s"');
    expect(svg).toContain('<title>3 tasks over 3.00 s, loop blocked 0.00 s</title>');
    expect(count(svg, 'class="k-tl-task')).toBe(3);
    for (const name of ['A', 'B', 'C']) expect(svg).toContain(`>${name}<`);
    // waits pale, running parts solid: each task runs 5 ms then waits
    expect(count(svg, 'class="k-tl-wait"')).toBe(3);
    expect(count(svg, 'class="k-tl-run"')).toBe(3);
    expect(svg).not.toContain('class="k-tl-blocked');
    // time axis ticks in seconds
    expect(svg).toContain('>0 s<');
    expect(svg).toContain('>3 s<');
  });

  test('bars are as long as their tasks', () => {
    const svg = renderTimelineSvg(tasks3, { width: 1000, labelWidth: 100 });
    const widths = [...svg.matchAll(/class="k-tl-wait" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[1] / widths[0]).toBeCloseTo(2, 1);
    expect(widths[2] / widths[0]).toBeCloseTo(3, 1);
  });

  test('blocked spans are red on their task row and on the time axis', () => {
    const result: Timed = {
      totalMs: 3000,
      tasks: [task(1, 'main', 0, 3000), task(2, 'fetch-1', 0, 1000)],
      blocked: [
        { start: 0, end: 1000, task: 'fetch-1', what: 'blockingGet /api/slow?delay=1000' },
        { start: 1000, end: 2000, task: 'main', what: 'blockingSleep' },
      ],
    };
    const svg = renderTimelineSvg(result);
    expect(count(svg, 'class="k-tl-blocked"')).toBe(2);
    expect(count(svg, 'class="k-tl-blocked-band"')).toBe(2);
    expect(svg).toMatch(/<rect class="k-tl-blocked"/);
    expect(svg).toMatch(/\.k-tl-blocked,\.k-tl-blocked-band\{fill:var\(--k-blocked, #c62828\)\}/);
    expect(svg).toContain('loop blocked 2.00 s');
    expect(svg).toContain('blockingGet /api/slow?delay=1000 blocked the loop 1.00 s');
  });

  test('blocked time counts overlapping spans once', () => {
    expect(
      blockedTotalMs([
        { start: 0, end: 1000, task: 'a', what: 'x' },
        { start: 500, end: 1500, task: 'b', what: 'x' },
        { start: 2000, end: 2100, task: 'c', what: 'x' },
      ]),
    ).toBe(1600);
  });

  test('task names and labels are escaped', () => {
    const svg = renderTimelineSvg({
      totalMs: 100,
      tasks: [task(1, '<script>alert("x")</script>&', 0, 100, [{ start: 0, end: 50, on: '"><img src=x>' }])],
      blocked: [{ start: 0, end: 10, task: '<b>', what: '<i>' }],
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&amp;');
  });

  test('a live run draws open spans up to now', () => {
    const live: Timed = {
      totalMs: 0,
      tasks: [task(1, 'A', 0, null, [{ start: 10, end: null, on: 'sleep(5)' }])],
      blocked: [],
    };
    const early = renderTimelineSvg(live, { now: 1000 });
    const later = renderTimelineSvg(live, { now: 2000 });
    expect(early).toContain('k-tl-live');
    expect(early).toContain('class="k-tl-now"');
    expect(early).toContain('over 1.00 s');
    expect(later).toContain('over 2.00 s');
    expect(later).toContain('>2 s<');
    expect(renderTimelineSvg(tasks3)).not.toContain('class="k-tl-now"');
  });

  test('many tasks: rows are capped with a note', () => {
    const many: Timed = { totalMs: 100, tasks: Array.from({ length: 300 }, (_, i) => task(i, `t${i}`, 0, 100)), blocked: [] };
    const svg = renderTimelineSvg(many, { maxRows: 10 });
    expect(count(svg, 'class="k-tl-task')).toBe(9);
    expect(svg).toContain('… 291 more tasks');
    expect(svg).toContain('300 tasks over');
  });

  test('no tasks still makes a valid picture; Japanese summary', () => {
    const svg = renderTimelineSvg({ totalMs: 0, tasks: [], blocked: [] });
    expect(svg).toContain('0 tasks over 0.00 s');
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(timelineSummary(tasks3, undefined, 'ja')).toBe('3 タスク、全体 3.00 s、ループのブロック 0.00 s');
  });
});

describe('nested coroutine spans and refused requests', () => {
  test('awaited coroutines get rows of their own under their task: a staircase, and still one task', () => {
    const oneTask: Timed = {
      totalMs: 6000,
      blocked: [],
      tasks: [
        {
          ...task(1, 'Task-1 order', 0, 6000, [{ start: 2, end: 6000, on: 'asyncio.sleep(3)' }]),
          spans: [
            { start: 2, end: 1002, name: 'think_and_order(1)' },
            { start: 1002, end: 3003, name: 'think_and_order(2)' },
            { start: 3003, end: 6000, name: 'think_and_order(3)' },
          ],
        },
      ],
    };
    const svg = renderTimelineSvg(oneTask, { width: 560, rowHeight: 26 });
    expect(count(svg, 'class="k-tl-task')).toBe(1);
    expect(count(svg, 'class="k-tl-span"')).toBe(3);
    const bars = [...svg.matchAll(/class="k-tl-span-bar" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
    // each one starts where the one before ended, one row lower
    for (let i = 1; i < bars.length; i++) {
      expect(bars[i][0]).toBeCloseTo(bars[i - 1][0] + bars[i - 1][2], 0);
      expect(bars[i][1]).toBeCloseTo(bars[i - 1][1] + 26, 0);
    }
    expect(svg).toContain('>think_and_ord…(2)</text>'); // cut to fit, the arguments kept
    expect(timelineSummary(oneTask)).toMatch(/^1 task /);
    // four rows: the task and its three awaits
    expect(svg).toMatch(new RegExp(`viewBox="0 0 560 ${4 + 4 * 26 + 4 + 28}"`));
  });

  test('a refused request is an amber mark, and its task is drawn in the refused colour', () => {
    const t: Timed = {
      totalMs: 1000,
      blocked: [],
      tasks: [
        task(1, 'req 1', 0, 1000, [{ start: 1, end: 1000, on: 'get api/slow' }]),
        { ...task(2, 'req 4', 0, 3, [{ start: 1, end: 3, on: 'get api/slow' }]), refused: [{ t: 3, what: 'GET api/slow?rate_limit=1' }] },
      ],
    };
    const svg = renderTimelineSvg(t, { locale: 'ja' });
    expect(count(svg, 'k-tl-refused"')).toBe(1);
    expect(count(svg, 'class="k-tl-refused-mark"')).toBe(1);
    expect(svg).toContain('req 4: GET api/slow?rate_limit=1 断られた（429）');
    expect(svg).toContain('var(--k-refused');
  });
});
