import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

test('S opens the speaker view with notes, timer and next slide; cells never run in its previews', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  // the slide with the inline cell: the speaker view will load it in two iframes
  await page.goto(`${baseUrl}example/index.html`);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  await page.evaluate(() => {
    const d = (window as any).kowakunai.deck;
    d.slide(d.getSlides().findIndex((s: HTMLElement) => s.querySelector('live-cell[data-cell-id="one-by-one"]')));
  });
  const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  await speaker.waitForSelector('#current-slide iframe');
  await speaker.waitForFunction(() => !!document.querySelector('.speaker-controls-notes:not(.hidden) .value')?.textContent?.trim(), null, { timeout: 15_000 });
  expect(await speaker.locator('.speaker-controls-notes .value').textContent()).toContain('fenced block whose meta says cell');
  expect(await speaker.locator('.speaker-controls-time .timer').isVisible()).toBe(true);
  expect(await speaker.locator('#upcoming-slide iframe').count()).toBe(1);

  // inside both preview frames (loaded with ?receiver) cells show their recording and cannot run
  const previews = speaker.frames().filter((f) => /receiver/.test(f.url()));
  expect(previews.length).toBe(2);
  for (const frame of previews) {
    await frame.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    const state = await frame.evaluate(() => ({
      sandboxes: document.querySelectorAll('iframe[sandbox]').length,
      runnable: [...document.querySelectorAll('live-cell [data-action="run"]')].filter((b) => !(b as HTMLButtonElement).disabled && (b as HTMLElement).offsetParent !== null).length,
      cells: document.querySelectorAll('live-cell').length,
    }));
    expect(state.cells).toBeGreaterThan(0);
    expect(state.sandboxes).toBe(0);
    expect(state.runnable).toBe(0);
  }
  // moving in the main window moves the speaker view
  await page.keyboard.press('ArrowRight');
  await speaker.waitForFunction(() => document.querySelector('.speaker-controls-notes .value')?.textContent?.includes('CodeBeside'), null, { timeout: 10_000 });
  await context.close();
});
