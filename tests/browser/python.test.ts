/**
 * Python cells on Pyodide, in real Chromium, on the talk's English deck: the demos' times, asyncio's debug-mode
 * warning for the blocking client, and no request leaving localhost — Pyodide comes from dist/assets/pyodide/,
 * and only once a Python cell runs.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';
import { openPage, type WatchedPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let deck: WatchedPage;
/** every request for Pyodide's files, in order */
const pyodideRequests: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  deck = await openPage(browser, `${baseUrl}asyncio-en/index.html`);
  deck.context.on('request', (r) => {
    if (r.url().includes('/assets/pyodide/')) pyodideRequests.push(r.url());
  });
});
afterAll(async () => {
  await deck?.context.close();
  await browser?.close();
});

const cell = (page: Page, id: string) => page.locator(`live-cell[data-cell-id="${id}"]`);
const seconds = async (page: Page, id: string) => Number(await cell(page, id).getAttribute('data-total-ms')) / 1000;

/** Runs the cell at `step` of its slide (a cell that morphs runs the version of that step). */
async function run(page: Page, id: string, step = 0): Promise<string> {
  const index = await page.evaluate((id) => {
    const d = (window as any).kowakunai.deck;
    return d.getSlides().findIndex((s: HTMLElement) => s.querySelector(`live-cell[data-cell-id="${id}"]`));
  }, id);
  await page.evaluate(([i, f]) => (window as any).kowakunai.deck.slide(i, 0, f), [index, step - 1]);
  const c = cell(page, id);
  await expect.poll(() => c.getAttribute('data-version')).toBe(String(step));
  const runs = Number((await c.getAttribute('data-runs')) ?? 0);
  await c.locator('[data-action="run"]').click();
  await expect.poll(async () => Number(await c.getAttribute('data-runs')), { timeout: 10_000 }).toBe(runs + 1);
  await expect.poll(() => c.getAttribute('data-state'), { timeout: 60_000, interval: 100 }).not.toBe('running');
  return (await c.getAttribute('data-state'))!;
}

describe('Python cells (Pyodide)', () => {
  test('the deck shows the recorded Python runs and loads nothing of Pyodide before a run', async () => {
    const c = cell(deck.page, 'await-one-by-one-py');
    expect(await c.getAttribute('data-lang')).toBe('python');
    expect(await c.getAttribute('data-recorded')).toBe('done');
    expect(await c.locator('[data-role="timeline"] svg').count()).toBe(1);
    await deck.page.waitForTimeout(1500); // idle-time work has had its chance
    expect(pyodideRequests).toEqual([]);
  });

  test('awaiting one by one takes about 6 s; as tasks and gathered about 3 s', async () => {
    const { page } = deck;
    expect(await run(page, 'await-one-by-one-py')).toBe('done');
    const sequential = await seconds(page, 'await-one-by-one-py');
    expect(sequential).toBeGreaterThanOrEqual(5.95);
    expect(sequential).toBeLessThan(7.0);
    expect(pyodideRequests.some((u) => u.endsWith('pyodide.asm.wasm'))).toBe(true);

    // demos 1 → 2 → 3 are one cell that morphs: the next step is the tasks, the one after gather
    expect(await run(page, 'await-one-by-one-py', 1)).toBe('done');
    const tasks = await seconds(page, 'await-one-by-one-py');
    expect(tasks).toBeGreaterThanOrEqual(2.95);
    expect(tasks).toBeLessThan(3.8);
    // three think_and_order tasks overlapping from the start, plus asyncio.run's main task
    const rows = await cell(page, 'await-one-by-one-py').locator('[data-role="timeline"] svg').textContent();
    expect(rows).toContain('Task-1 order');

    expect(await run(page, 'await-one-by-one-py', 2)).toBe('done');
    const gathered = await seconds(page, 'await-one-by-one-py');
    expect(gathered).toBeGreaterThanOrEqual(2.95);
    expect(gathered).toBeLessThan(3.8);
    const out = await cell(page, 'await-one-by-one-py').locator('[data-role="output"]').textContent();
    expect(out).toMatch(/1 s: zaru soba![\s\S]*2 s[\s\S]*3 s[\s\S]*\[\(3, 'zaru soba'\), \(2, 'zaru soba'\), \(1, 'zaru soba'\)\]/);
  });

  test("debug mode reports the blocking client's steps in asyncio's words", async () => {
    const { page } = deck;
    expect(await run(page, 'blocking-client-py')).toBe('done');
    const total = await seconds(page, 'blocking-client-py');
    expect(total).toBeGreaterThanOrEqual(2.9);
    expect(total).toBeLessThan(4.2);
    const warnings = await cell(page, 'blocking-client-py').locator('[data-stream="warn"]').allTextContents();
    const slow = warnings.filter((w) => /Executing <Task finished name='Task-\d' coro=<long_think\(\) done, defined at cell\.py:\d+>.* took 1\.\d{3} seconds/.test(w));
    expect(slow, warnings.join('\n')).toHaveLength(3);
    // the blocked steps are drawn in red on the timeline
    expect(await cell(page, 'blocking-client-py').locator('.k-tl-blocked').count()).toBe(3);
  });

  test('nothing left localhost while Pyodide loaded and ran', () => {
    expect(deck.offsite).toEqual([]);
    expect(deck.consoleErrors).toEqual([]);
  });
});
