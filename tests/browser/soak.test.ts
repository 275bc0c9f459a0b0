/**
 * Soak: every cell of both talk decks (TypeScript and Python), run again and again in one page per deck. Afterwards
 * the page holds no leaked workers or frames, its JS heap is back near where it started, and every run ended `done`.
 *
 * Rounds: SOAK_ROUNDS (default 3). A round runs all 15 cells of a deck at once — a sequential round takes ~47 s of
 * demo time (sleeps of 1–6 s), so 20 sequential rounds of two decks would be half an hour. Three concurrent rounds
 * per deck (90 runs in all) fit the suite's budget (~2–3 min on a busy 2-core machine) and still show growth: a leak
 * of one worker or frame per run shows as 45 extra per deck. `SOAK_ROUNDS=20 npx vitest run tests/browser/soak.test.ts`
 * runs the full count.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { PY_MAX_THREADS } from '../../src/shared/types.js';
import { launchChromium } from './chromium.js';
import { openPage, workerCount, workersOf } from './page-helpers.js';

const baseUrl = inject('baseUrl');
const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 3);
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Starts every cell of the page at once; resolves with each run's final state once all have ended. */
function round(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const cells = [...document.querySelectorAll<HTMLElement>('live-cell')];
        const ended: string[] = [];
        const onState = (e: Event) => {
          const { state } = (e as CustomEvent<{ state: string }>).detail;
          if (state === 'running' || state === 'idle') return;
          ended.push(state);
          if (ended.length === cells.length) {
            document.removeEventListener('live-cell:state', onState);
            resolve(ended);
          }
        };
        document.addEventListener('live-cell:state', onState);
        for (const c of cells) c.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
      }),
  );
}

/** The page's JS heap after a full garbage collection (bytes). */
async function heap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

for (const deck of (process.env.SOAK_DECKS ?? 'asyncio-ja,asyncio-en').split(',')) {
  test(`${deck}: ${ROUNDS} rounds of every cell — all done, nothing leaked, the heap comes back`, async () => {
    const { page, context, consoleErrors } = await openPage(browser, `${baseUrl}${deck}/index.html`);
    try {
      const cells = await page.locator('live-cell').count();
      expect(cells).toBeGreaterThanOrEqual(10);
      // the first round loads what any first run loads (the sandbox frame, Pyodide, the runtime's chunks): the
      // heap and the worker count are measured from after it
      const states = await round(page);
      const heapStart = await heap(page);
      // a run that ends starts its spare at once; terminated workers take a moment to go: let the count settle
      await page.waitForTimeout(1_000);
      const workersStart = await workerCount(page);
      const startNames = (await workersOf(page)).join('\n');
      for (let i = 1; i < ROUNDS; i++) states.push(...(await round(page)));
      expect(states).toHaveLength(cells * ROUNDS);
      expect(states.filter((s) => s !== 'done')).toEqual([]);
      expect(await page.locator('iframe').count()).toBe(1);
      const before = `${startNames}\nat the end:\n${(await workersOf(page)).join('\n')}`;
      // a leak grows by runs (15 a round); what may stay is the spares, one for each language and Pyodide's
      // pre-warmed one, plus the Python thread workers kept loaded after the sync_to_async demo (PY_MAX_THREADS) —
      // a busy machine takes a few seconds to end the last run's workers
      const spares = 3 + PY_MAX_THREADS;
      expect(workersStart, before).toBeLessThanOrEqual(spares);
      await expect.poll(() => workerCount(page), { timeout: 15_000, message: `after round 1:\n${before}` }).toBeLessThanOrEqual(spares);
      const heapEnd = await heap(page);
      expect(heapEnd).toBeLessThan(heapStart * 1.2);
      expect(consoleErrors).toEqual([]);
      console.log(`${deck}: ${states.length} runs, heap ${(heapStart / 1e6).toFixed(1)} → ${(heapEnd / 1e6).toFixed(1)} MB, workers ${workersStart}`);
    } finally {
      await context.close();
    }
  }, 200_000);
}
