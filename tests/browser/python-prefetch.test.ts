/**
 * Python ready before the click: Pyodide starts loading in the sandbox when the presenter reaches a slide
 * with a Python cell or the slide before it — and not a byte of it is fetched while no Python cell is near.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';
import { openPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

test('no Pyodide away from Python cells; on the slide before one, Pyodide loads without a click', async () => {
  const { page, context, consoleErrors } = await openPage(browser, `${baseUrl}asyncio-en/index.html`);
  const pyodide: string[] = [];
  context.on('request', (r) => {
    if (r.url().includes('/assets/pyodide/')) pyodide.push(r.url());
  });
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  const slides = await page.evaluate(() =>
    (window as any).kowakunai.deck.getSlides().map((s: HTMLElement) => !!s.querySelector('live-cell[data-lang="python"]')),
  );
  const firstPython = slides.indexOf(true);
  expect(firstPython).toBeGreaterThan(3);
  // walk the slides that have no Python cell on them or on the next one
  for (let i = 0; i < firstPython - 1; i++) {
    await page.evaluate((i) => (window as any).kowakunai.deck.slide(i), i);
    await page.evaluate(() => new Promise((ok) => requestIdleCallback(ok, { timeout: 1000 })));
  }
  await page.waitForTimeout(1000); // idle-time work has had its chance
  expect(pyodide).toEqual([]);
  expect(await page.locator('iframe.k-sandbox-frame').count()).toBe(0);

  // the slide before the first Python cell: Pyodide's files are fetched, nothing has been run
  await page.evaluate((i) => (window as any).kowakunai.deck.slide(i), firstPython - 1);
  await expect.poll(() => pyodide.some((u) => /pyodide\.asm\.wasm$/.test(u)), { timeout: 20_000 }).toBe(true);
  expect(await page.locator('live-cell[data-runs]').count()).toBe(0);
  expect(await page.locator('live-cell[data-state="running"]').count()).toBe(0);

  // and the prepared runtime runs the cell when Run is pressed
  await page.evaluate((i) => (window as any).kowakunai.deck.slide(i), firstPython);
  const cell = page.locator('.slides > section.present live-cell[data-lang="python"]').first();
  await cell.locator('[data-action="run"]').click();
  await expect.poll(() => cell.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
  expect(consoleErrors).toEqual([]);
  await context.close();
});
