/**
 * Python threads (issue 14): to_thread, run_in_executor, ThreadPoolExecutor and the sync_to_async stand-in run their
 * calls on extra Pyodide workers. Run in real Chromium on the py-threads fixture deck, and on the talk's section 17.
 * Times are the cells' own (data-total-ms): the thread workers load before the clock starts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';
import { cellLocator as cell, goToCell, openPage, workerCount, type WatchedPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let deck: WatchedPage;

beforeAll(async () => {
  browser = await launchChromium();
  deck = await openPage(browser, `${baseUrl}py-threads/index.html`);
});
afterAll(async () => {
  await deck?.context.close();
  await browser?.close();
});

const seconds = async (page: Page, id: string) => Number(await cell(page, id).getAttribute('data-total-ms')) / 1000;
const warnings = (page: Page, id: string) => cell(page, id).locator('[data-role="output"] [data-stream="warn"]').allTextContents();
const errLines = (page: Page, id: string) => cell(page, id).locator('[data-role="output"] [data-stream="err"]').allTextContents();
const timeline = async (page: Page, id: string) => (await cell(page, id).locator('[data-role="timeline"] svg').textContent()) ?? '';
/**
 * What debug mode reported and the timeline drew as blocking the loop, beyond `floor` seconds. An offloaded
 * 1-s call would show as a step of a second; on a busy 2-core machine the step that sends a call (pickling, one
 * postMessage) is sometimes preempted past asyncio's 0.1 s, which is the machine, not the call.
 */
async function slowSteps(page: Page, id: string, floor = 0.5): Promise<string[]> {
  const warned = (await warnings(page, id)).filter((w) => Number(/took (\d+\.\d+) seconds/.exec(w)?.[1] ?? 0) >= floor);
  // the SVG's summary (src/shared/timeline-svg.ts), in either deck's words
  const summary = /(?:loop blocked|ループのブロック) (\d+(?:\.\d+)?) s/.exec(await timeline(page, id));
  const blocked = Number(summary?.[1] ?? NaN);
  return blocked < floor ? warned : [...warned, `loop blocked ${blocked} s`];
}

/** Names of the thread rows (`thread 1 · time.sleep(1)`), from the rows' tooltips. */
async function threadRows(page: Page, id: string): Promise<string[]> {
  const titles = await cell(page, id).locator('[data-role="timeline"] svg title').allTextContents();
  return [...new Set(titles.map((t) => /^(thread \d+) · /.exec(t)?.[1]).filter((t): t is string => !!t))];
}

/** Dedicated workers the browser knows of (the sandbox's included). */
async function run(page: Page, id: string): Promise<string> {
  await goToCell(page, id);
  const c = cell(page, id);
  const runs = Number((await c.getAttribute('data-runs')) ?? 0);
  await c.locator('[data-action="run"]').click();
  await expect.poll(async () => Number(await c.getAttribute('data-runs')), { timeout: 10_000 }).toBe(runs + 1);
  // Pyodide and four thread workers load before the clock: on a busy 2-core machine that takes a while
  await expect.poll(() => c.getAttribute('data-state'), { timeout: 120_000, interval: 100 }).not.toBe('running');
  return (await c.getAttribute('data-state'))!;
}

/** Each run may load Pyodide and four thread workers before its clock starts: 30–60 s on a busy 2-core machine. */
const SLOW = 300_000;

describe('Python threads', () => {
  test('three to_thread(time.sleep, 1) gathered take about 1 s, on three thread rows, with no debug warning', async () => {
    const { page } = deck;
    expect(await run(page, 'three-sleeps')).toBe('done');
    const total = await seconds(page, 'three-sleeps');
    expect(total).toBeGreaterThanOrEqual(0.95);
    expect(total).toBeLessThan(1.6);
    expect(await threadRows(page, 'three-sleeps')).toEqual(['thread 1', 'thread 2', 'thread 3']);
    expect(await timeline(page, 'three-sleeps')).toContain('awaits a thread: time.sleep(1)');
    // asyncio.run(debug=True): the sleeps did not block the loop, so nothing of them is reported
    expect(await slowSteps(page, 'three-sleeps')).toEqual([]);
  }, SLOW);

  test('the same blocking call on the loop is still reported', async () => {
    const { page } = deck;
    expect(await run(page, 'sleep-on-loop')).toBe('done');
    const warned = await warnings(page, 'sleep-on-loop');
    expect(warned.filter((w) => /Executing <Task finished name='Task-1' coro=<main\(\) .* took 0\.\d{3} seconds/.test(w)), warned.join('\n')).toHaveLength(1);
    expect(await cell(page, 'sleep-on-loop').locator('.k-tl-blocked').count()).toBe(1);
  }, SLOW);

  test('sync_to_async: about 3 s on the one thread-sensitive thread, about 1 s with thread_sensitive=False; the loop never blocks', async () => {
    const { page } = deck;
    expect(await run(page, 's2a-default')).toBe('done');
    const serial = await seconds(page, 's2a-default');
    expect(serial).toBeGreaterThanOrEqual(2.7);
    expect(serial).toBeLessThan(4.5);
    expect(await threadRows(page, 's2a-default')).toEqual(['thread 1']);

    expect(await run(page, 's2a-pool')).toBe('done');
    const pooled = await seconds(page, 's2a-pool');
    expect(pooled).toBeGreaterThanOrEqual(0.95);
    expect(pooled).toBeLessThan(1.6);
    expect(await threadRows(page, 's2a-pool')).toEqual(['thread 1', 'thread 2', 'thread 3']);
    for (const id of ['s2a-default', 's2a-pool']) {
      expect(await cell(page, id).locator('[data-role="output"]').textContent()).toContain('[200, 200, 200]');
      expect(await slowSteps(page, id)).toEqual([]);
    }
  }, SLOW);

  test('module-level functions and globals cross; ThreadPoolExecutor.submit and map work', async () => {
    const { page } = deck;
    expect(await run(page, 'crossing')).toBe('done');
    // triple(2.5) uses helper() and FACTOR and math from the cell's globals; the lambda reads FACTOR
    expect(await cell(page, 'crossing').locator('[data-role="output"]').textContent()).toContain('6 [3, 6, 9] [3, 3]');
  }, SLOW);

  test('an exception in a thread comes back with its traceback', async () => {
    const { page } = deck;
    expect(await run(page, 'thread-raises')).toBe('error');
    const error = await cell(page, 'thread-raises').locator('[data-role="error"]').textContent();
    expect(error).toContain("ValueError: invalid literal for int() with base 10: 'zaru soba'");
    const tb = (await errLines(page, 'thread-raises')).join('\n');
    expect(tb).toContain('In the thread:');
    expect(tb).toContain('File "cell.py", line 4, in parse');
    expect(tb).toContain('return int(text)');
  }, SLOW);

  test('an object that cannot cross gives an error naming it, at once', async () => {
    const { page } = deck;
    expect(await run(page, 'cannot-cross')).toBe('error');
    const error = await cell(page, 'cannot-cross').locator('[data-role="error"]').textContent();
    expect(error).toContain("global 'lock' used by guarded() cannot be sent to a thread");
    expect(error).toContain("cannot pickle '_thread.lock' object");
    expect(await seconds(page, 'cannot-cross')).toBeLessThan(2);
  }, SLOW);

  test('Stop during a thread call ends the threads too, and the next run works', async () => {
    const { page } = deck;
    await goToCell(page, 'long-thread');
    const c = cell(page, 'long-thread');
    await c.locator('[data-action="run"]').click();
    await expect.poll(async () => (await threadRows(page, 'long-thread')).length, { timeout: 120_000, interval: 100 }).toBe(1);
    const during = await workerCount(page);
    await c.locator('[data-action="stop"]').click();
    await expect.poll(() => c.getAttribute('data-state'), { timeout: 10_000 }).toBe('stopped');
    // the run's loop worker and its four threads are gone (spares for the next run may be loading meanwhile)
    await expect.poll(() => workerCount(page), { timeout: 15_000 }).toBeLessThanOrEqual(during);
    expect(await run(page, 'three-sleeps')).toBe('done');
    expect(await seconds(page, 'three-sleeps')).toBeLessThan(1.6);
  }, SLOW);

  test('the time limit ends the threads too', async () => {
    const { page } = deck;
    expect(await run(page, 'long-thread')).toBe('timeout');
    expect(await seconds(page, 'long-thread')).toBeLessThan(9.5);
  }, SLOW);

  test('cells that offload were recorded at build time the same way', async () => {
    const { page } = deck;
    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    expect(await cell(page, 'three-sleeps').getAttribute('data-recorded')).toBe('done');
    expect(await threadRows(page, 'three-sleeps')).toEqual(['thread 1', 'thread 2', 'thread 3']);
    expect(await cell(page, 's2a-default').getAttribute('data-recorded')).toBe('done');
  }, SLOW);

  test.each(['asyncio-en', 'asyncio-ja'])('%s: the recorded sync_to_async demo shows about 1 s and no red on the loop', async (name) => {
    const { page, context } = await openPage(browser, `${baseUrl}${name}/index.html`);
    try {
      const demo = cell(page, 'to-thread-py');
      expect(await demo.getAttribute('data-recorded')).toBe('done');
      const elapsed = Number((await demo.locator('[data-role="elapsed"]').textContent())?.replace(/[^\d.]/g, ''));
      expect(elapsed).toBeGreaterThanOrEqual(0.95);
      // the same bounds as talk-recorded.test.ts puts on this recording (both read the one cached run)
      expect(elapsed).toBeLessThan(2.2);
      expect(await slowSteps(page, 'to-thread-py', 0.5)).toEqual([]);
      expect(await threadRows(page, 'to-thread-py')).toEqual(['thread 1', 'thread 2', 'thread 3']);
    } finally {
      await context.close();
    }
  }, SLOW);

  test('nothing left localhost', () => {
    expect(deck.offsite).toEqual([]);
    expect(deck.consoleErrors).toEqual([]);
  }, SLOW);
});
