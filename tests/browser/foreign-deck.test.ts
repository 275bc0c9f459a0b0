/**
 * A deck written for Slidev (tests/fixtures/foreign/slidev.md, built by the global setup as foreign-slidev) presents
 * like one of ours: its slides and steps in reveal.js, its notes in the speaker view, nothing of its markup on screen.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

test('a Slidev deck presents: its slides, its v-clicks as steps, its notes in the speaker view', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(baseUrl) && !/^(data|blob):/.test(r.url())) elsewhere.push(r.url());
  });
  await page.goto(`${baseUrl}foreign-slidev/index.html`);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  expect(await page.evaluate(() => (window as any).kowakunai.deck.getTotalSlides())).toBe(7);
  const visibleText = () => page.evaluate(() => (document.querySelector('.slides section.present') as HTMLElement).innerText);
  expect(await visibleText()).toContain('Tea, brewed slowly');
  expect(await visibleText()).not.toContain('Welcome everyone');

  // slide 2: the three items of <v-clicks> come one per step
  await page.keyboard.press('ArrowRight');
  const shownItems = () =>
    page.evaluate(() => [...document.querySelectorAll('.slides section.present li')].filter((li) => getComputedStyle(li).opacity === '1').map((li) => li.textContent));
  await expect.poll(shownItems).toEqual([]);
  await page.keyboard.press('ArrowRight');
  await expect.poll(shownItems).toEqual(['Warm the pot']);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(shownItems).toEqual(['Warm the pot', 'Measure the leaves', 'Wait']);

  // the table slide: a table, not pipes; the Vue component a box naming it
  await page.keyboard.press('ArrowRight');
  await expect.poll(visibleText).toContain('A table of steepings');
  expect(await page.locator('.slides section.present table td').first().textContent()).toBe('Green');
  expect(await visibleText()).not.toMatch(/\||<!--|v-click/);
  expect(await page.locator('.slides section.present .k-foreign-component').textContent()).toBe('<Tweet>');

  // the speaker view reads the slide's notes: back to the first slide, whose notes are the comment that ends it
  await page.evaluate(() => (window as any).kowakunai.deck.slide(0));
  const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  const notes = () => speaker.evaluate(() => document.querySelector('.speaker-controls-notes .value')?.textContent?.trim() ?? '');
  await expect.poll(notes, { timeout: 15_000 }).toContain('Welcome everyone. Say who you are.');
  await page.keyboard.press('ArrowRight');
  await expect.poll(notes, { timeout: 15_000 }).toContain('Each one appears as I say it.');
  expect(await notes()).not.toContain('[click]');
  expect(elsewhere).toEqual([]);
  await context.close();
});
