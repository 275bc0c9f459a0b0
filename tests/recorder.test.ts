import { describe, expect, test } from 'vitest';
import { Recorder, slowStepWarning } from '../src/sandbox/recorder';
import { SLOW_STEP_MS } from '../src/shared/types';
import { startTestRuntime } from './helpers/cell-runtime';

const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* a long synchronous step */
  }
};

describe('recorder', () => {
  test('blockingSleep gives a BlockedSpan on the running task and an asyncio-style warning', async () => {
    const rt = await startTestRuntime();
    const { blockingSleep, createTask, sleep } = rt.api;
    blockingSleep(0.15);
    await createTask('A', async () => {
      await sleep(0.01);
      blockingSleep(0.12); // after a resume: still task A
    });
    blockingSleep(0.02); // short: recorded, no warning
    const result = rt.finish();
    expect(result.blocked.map((b) => [b.task, b.what])).toEqual([
      ['main', 'blockingSleep(0.15)'],
      ['A', 'blockingSleep(0.12)'],
      ['main', 'blockingSleep(0.02)'],
    ]);
    const [first, second] = result.blocked;
    expect(first!.end - first!.start).toBeGreaterThanOrEqual(149);
    expect(second!.end - second!.start).toBeGreaterThanOrEqual(119);
    const warnings = result.output.filter((o) => o.stream === 'warn').map((o) => o.text);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Executing <Task name='main'> took 0\.1[5-9]\d seconds \(blockingSleep\(0\.15\)\)$/);
    expect(warnings[1]).toMatch(/^Executing <Task name='A'> took 0\.1\d\d seconds \(blockingSleep\(0\.12\)\)$/);
  });

  test('a long synchronous stretch is caught by the heartbeat', async () => {
    const rt = await startTestRuntime();
    const { createTask, sleep } = rt.api;
    await createTask('cruncher', async () => {
      await sleep(0.05);
      busy(250);
    });
    await sleep(0.05); // give the heartbeat its turn
    const result = rt.finish();
    const sync = result.blocked.filter((b) => b.what === 'sync code');
    expect(sync).toHaveLength(1);
    expect(sync[0]!.task).toBe('cruncher');
    expect(sync[0]!.end - sync[0]!.start).toBeGreaterThanOrEqual(240);
    expect(sync[0]!.end - sync[0]!.start).toBeLessThan(400);
    expect(result.output.some((o) => o.stream === 'warn' && /<Task name='cruncher'> took 0\.2\d\d seconds \(sync code\)/.test(o.text))).toBe(
      true,
    );
  });

  test('a stretch right before the end is caught when the run finishes', async () => {
    const rt = await startTestRuntime();
    busy(150);
    const result = rt.finish();
    expect(result.blocked.map((b) => [b.task, b.what])).toEqual([['main', 'sync code']]);
  });

  test('short steps are not reported, however many run between two heartbeats', () => {
    // a fake clock: five steps of a quarter of the threshold each, separated by short waits, then one late beat
    let t = 0;
    const timers: (() => void)[] = [];
    const rec = new Recorder({ clock: () => t, setTimeout: (cb) => timers.push(cb), clearTimeout: () => undefined });
    rec.start();
    const task = rec.main;
    for (let i = 0; i < 5; i++) {
      rec.enter(task);
      t += SLOW_STEP_MS / 4; // the step's own code
      const wait = rec.beginWait(task, 'sleep(0.01)');
      t += 10;
      rec.resume(task, wait);
    }
    t += SLOW_STEP_MS / 4;
    timers.shift()!(); // the beat comes late: 5 × 35 ms since the last one, but no step was long
    expect(rec.blocked).toEqual([]);
    // the same beat after one long step is reported (the test above could not pass by reporting nothing at all)
    rec.enter(task);
    t += SLOW_STEP_MS * 1.5;
    timers.shift()!();
    expect(rec.blocked.map((b) => b.what)).toEqual(['sync code']);
  });

  test('waits are recorded per await, on the task that awaits', async () => {
    const rt = await startTestRuntime();
    const { createTask, sleep, gather } = rt.api;
    const a = createTask('A', async () => {
      await sleep(0.05);
      await sleep(0.05);
      return 'a';
    });
    const b = createTask('B', async () => sleep(0.08));
    await gather(a, b);
    await a; // already done: no wait
    const result = rt.finish();
    const byName = Object.fromEntries(result.tasks.map((t) => [t.name, t]));
    // A task whose first turn comes a millisecond or more late (a busy machine) has waited for the loop first, and
    // that wait is drawn by design (next test). The awaits are what follows it.
    const awaits = (name: string) => {
      const waits = byName[name]!.waits;
      return waits[0]?.on === 'the loop' ? waits.slice(1) : waits;
    };
    expect(awaits('A').map((w) => w.on)).toEqual(['sleep(0.05)', 'sleep(0.05)']);
    expect(awaits('B').map((w) => w.on)).toEqual(['sleep(0.08)']);
    expect(awaits('main').map((w) => w.on)).toEqual(['gather(2)']);
    const [w1, w2] = awaits('A');
    expect(w2!.start).toBeGreaterThanOrEqual(w1!.end!);
    for (const t of result.tasks) {
      expect(t.end).not.toBeNull();
      for (const w of t.waits) expect(w.end! - w.start).toBeGreaterThanOrEqual(0);
    }
  });

  test('a task that is ready while the loop is blocked waits for the loop, drawn as a wait', async () => {
    const rt = await startTestRuntime();
    const { createTask, blockingSleep } = rt.api;
    const b = createTask('B', async () => 'b');
    blockingSleep(0.2); // the creator keeps the loop: B cannot start yet
    await b;
    const result = rt.finish();
    const B = result.tasks.find((t) => t.name === 'B')!;
    expect(B.waits[0]!.on).toBe('the loop');
    expect(B.waits[0]!.end! - B.waits[0]!.start).toBeGreaterThanOrEqual(180);
  });

  test('output is bounded, and progress comes in batches of at most ~20 per second', async () => {
    const batches: { n: number; dropped: number }[] = [];
    let t = 0;
    const timers: { at: number; cb: () => void }[] = [];
    // a fake clock and timers: 100,000 lines over 1 simulated second
    const rec = new Recorder({
      clock: () => t,
      maxOutputLines: 100,
      onProgress: (b) => batches.push({ n: b.output.length, dropped: b.droppedLines }),
      setTimeout: (cb, ms) => {
        const timer = { at: t + ms, cb };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (h) => void timers.splice(timers.indexOf(h as (typeof timers)[number]) >>> 0, 1),
    });
    rec.start();
    for (let i = 0; i < 100_000; i++) {
      t = i / 100;
      rec.print(`line ${i}`);
      for (const due of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(due), 1);
        due.cb();
      }
    }
    const result = rec.finish();
    expect(result.output).toHaveLength(100);
    expect(result.droppedLines).toBe(99_900);
    expect(batches.length).toBeLessThanOrEqual(20 + 3 + 1); // ~20 per second, a burst of 3
    expect(batches.reduce((s, b) => s + b.n, 0)).toBe(100);
    expect(batches.at(-1)!.dropped).toBeGreaterThan(90_000);
  });

  test('a late heartbeat while no cell code ran is the machine, not the cell', () => {
    let t = 0;
    const timers: (() => void)[] = [];
    const rec = new Recorder({ clock: () => t, setTimeout: (cb) => timers.push(cb), clearTimeout: () => undefined });
    rec.start();
    t = 30;
    timers.shift()!(); // an on-time beat
    t = 600; // the thread was paused: the next beat comes 570 ms late, nothing was resumed meanwhile
    timers.shift()!();
    expect(rec.blocked).toEqual([]);
    rec.enter(rec.main); // now cell code runs from t = 600 …
    t = 900; // … for 300 ms
    timers.shift()!();
    expect(rec.blocked).toEqual([{ start: 600, end: 900, task: 'main', what: 'sync code' }]);
  });

  test('the warning reads like asyncio debug mode', () => {
    expect(slowStepWarning('A', 1003.2, 'blockingGet /api/slow?delay=1000')).toBe(
      "Executing <Task name='A'> took 1.003 seconds (blockingGet /api/slow?delay=1000)",
    );
  });
});
