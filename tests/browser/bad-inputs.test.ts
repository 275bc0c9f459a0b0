/**
 * Every bad input a cell can be, run in the deck's page: each ends in a clear state with a message that says what
 * happened, the deck still moves, the next cell still runs, and the deck's main thread is never held — measured with
 * a long-task observer for the giant line and the flood.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';
import { cellLocator as cell, goToCell, openPage, type WatchedPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let lab: WatchedPage;
beforeAll(async () => {
  browser = await launchChromium();
  lab = await openPage(browser, `${baseUrl}cells-lab/index.html`);
  await lab.page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
});
afterAll(async () => {
  await lab?.context.close();
  await browser?.close();
});

const slide = (page: Page) => page.evaluate(() => (window as any).kowakunai.deck.getIndices().h as number);

/** Runs a cell to its end; returns its state, its error text and how long the run took (ms of wall time). */
async function run(page: Page, id: string, timeout = 30_000) {
  await goToCell(page, id);
  const c = cell(page, id);
  const runs = Number((await c.getAttribute('data-runs')) ?? 0);
  const t0 = Date.now();
  await c.locator('[data-action="run"]').click();
  await expect.poll(async () => Number(await c.getAttribute('data-runs')), { timeout: 10_000 }).toBe(runs + 1);
  await expect.poll(() => c.getAttribute('data-state'), { timeout, interval: 50 }).not.toBe('running');
  return { state: await c.getAttribute('data-state'), error: (await c.locator('[data-role="error"]').textContent()) ?? '', ms: Date.now() - t0 };
}

/** The deck still moves and another cell still runs. */
async function deckGoesOn(page: Page, id: string) {
  const at = await goToCell(page, id);
  await page.evaluate(() => (window as any).kowakunai.deck.next());
  await expect.poll(() => slide(page), { timeout: 5_000 }).toBe(at + 1);
  const quick = await run(page, 'quick');
  expect(quick.state).toBe('done');
  expect(await cell(page, 'quick').locator('[data-role="output"]').textContent()).toContain('still here');
}

const cases: [id: string, state: string, message: RegExp][] = [
  ['forever', 'timeout', /time limit of 3 s/],
  ['recursion', 'error', /RangeError: Maximum call stack size exceeded/],
  ['throws', 'error', /boom/],
  ['rejects', 'error', /nobody caught me/],
  ['never-settles', 'error', /Nothing left to wait for/],
  ['py-never-settles', 'error', /Nothing left to wait for: .*asyncio\.Future\(\)/],
  ['self-close', 'timeout', /time limit of 3 s/],
  ['reach-dom', 'error', /TypeError: Cannot set properties of undefined \(setting 'title'\)/],
  ['reach-storage', 'error', /TypeError: Cannot read properties of undefined \(reading 'setItem'\)/],
  ['reach-network', 'error', /TypeError: Failed to fetch/],
  ['hog', 'error', /out of memory/],
];

describe('bad inputs end in a clear state and the deck goes on', () => {
  for (const [id, state, message] of cases) {
    test(`${id}: ${state}`, async () => {
      const { page } = lab;
      const r = await run(page, id);
      expect(r.state).toBe(state);
      expect(r.error).toMatch(message);
      await deckGoesOn(page, id);
    });
  }

  test('nothing left to wait for ends at once, not at the time limit', async () => {
    const r = await run(lab.page, 'never-settles');
    expect(r.state).toBe('error');
    // the limit is 30 s; the check needs ~0.1 s once nothing is pending (the rest is the worker's start on a busy machine)
    expect(r.ms).toBeLessThan(5_000);
    expect(await cell(lab.page, 'never-settles').locator('[data-role="output"]').textContent()).toContain('waiting for nothing');
    // Python: the cell's own time (Pyodide's start is not counted) is the check's ~0.1 s, not the 30 s limit
    expect((await run(lab.page, 'py-never-settles', 60_000)).state).toBe('error');
    expect(Number(await cell(lab.page, 'py-never-settles').getAttribute('data-total-ms'))).toBeLessThan(3_000);
  });

  test('a real wait is never cut short, in Python too', async () => {
    const r = await run(lab.page, 'py-waits', 60_000);
    expect(r.state).toBe('done');
    expect(Number(await cell(lab.page, 'py-waits').getAttribute('data-total-ms'))).toBeGreaterThan(1_450);
    expect(await cell(lab.page, 'py-waits').locator('[data-role="output"]').textContent()).toContain('waited');
  });

  test('a runaway allocation of binary data ends with "out of memory" within 15 s, whatever the machine', async () => {
    const r = await run(lab.page, 'hog');
    expect(r.state).toBe('error');
    expect(r.error).toMatch(/out of memory: .* budget of 1,024 MB/);
    expect(r.ms).toBeLessThan(15_000);
  });
});

describe('the deck main thread is never held', () => {
  const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));

  test('warm-up: the sandbox exists before anything is measured (its start is paid by any first run)', async () => {
    expect((await run(lab.page, 'quick')).state).toBe('done');
  });

  /** The longest task, in CPU time, of the renderers' main threads during one run (a trace, not the observer). */
  async function longestCpuTask(page: Page, id: string): Promise<number> {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    expect((await run(page, id)).state).toBe('done');
    await page.waitForTimeout(500);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents as { name: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }[];
    const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const tasks = events.filter((e) => e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
    expect(tasks.length).toBeGreaterThan(0);
    return Math.max(...tasks.map((e) => (e.tdur ?? 0) / 1000));
  }

  for (const id of ['giant-line', 'flood']) {
    test(`${id}: no main-thread task over 100 ms while it runs and renders`, async () => {
      const { page } = lab;
      // Wall time first, as the long-task observer sees it; best of two runs, since a garbage collection can stretch
      // one task once. On an oversubscribed machine (other suites beside this one) every task's wall time stretches
      // several-fold, so a third run is traced and its tasks' CPU time must stay under 100 ms: a cell that holds the
      // thread (16 s for the giant line before the caps) fails either way.
      const worst: number[] = [];
      for (let attempt = 0; attempt < 2 && !(worst.length > 0 && Math.min(...worst) < 100); attempt++) {
        await goToCell(page, id);
        await page.waitForTimeout(300);
        await longTasks(page);
        const r = await run(page, id);
        expect(r.state).toBe('done');
        await page.waitForTimeout(500); // frames still writing lines
        worst.push(Math.max(0, ...(await longTasks(page))));
      }
      if (Math.min(...worst) >= 100) {
        const cpu = await longestCpuTask(page, id);
        expect(cpu, `longest task per run: ${worst.join(', ')} ms of wall time; ${cpu.toFixed(0)} ms of CPU when traced`).toBeLessThan(100);
      }
      await deckGoesOn(page, id);
    });
  }

  test('the giant line arrives cut, saying how much was cut', async () => {
    const c = cell(lab.page, 'giant-line');
    const line = (await c.locator('[data-role="output"] .k-out-text').first().textContent()) ?? '';
    expect(line).toHaveLength(10_000 + ' … 49,990,000 more characters'.length);
    expect(line.endsWith('x … 49,990,000 more characters')).toBe(true);
    expect(await c.locator('[data-role="return-value"]').textContent()).toMatch(/"z{9999} … 4,990,002 more characters/);
  });

  test('no console errors and no request to another host', () => {
    expect(lab.offsite).toEqual([]);
    expect(lab.consoleErrors.filter((e) => !/boom|Uncaught|127\.0\.0\.1:9|Content Security Policy|Failed to fetch/.test(e))).toEqual([]);
  });
});
