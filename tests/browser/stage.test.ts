/**
 * Presenting without the presenting server: two windows of one browser follow each other (BroadcastChannel) on a
 * plain static host, L opens the twin deck at the same slide and step, and the speaker view's notes size survives
 * a reload. The site here is the global setup's build, served as `npm run preview` would (static files only).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';
import { slideWhere } from './page-helpers.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const at = (page: Page) =>
  page.evaluate(() => {
    const d = (window as any).kowakunai.deck;
    const slide = d.getCurrentSlide() as HTMLElement;
    const same = d.getSlides().filter((s: HTMLElement) => s.dataset.section === slide.dataset.section);
    return { section: slide.dataset.section, nth: same.indexOf(slide) as number, f: (d.getIndices().f ?? -1) as number };
  });

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
}

test('two windows of a statically served deck follow each other, in one language or two', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const [projector, notes, english] = await Promise.all([context.newPage(), context.newPage(), context.newPage()]);
  await open(projector, `${baseUrl}asyncio-ja/index.html`);
  await open(notes, `${baseUrl}asyncio-ja/index.html`);
  await open(english, `${baseUrl}asyncio-en/index.html`);
  // a plain static host: no presenting server marker, so the deck syncs through the browser alone
  expect(await projector.evaluate(() => document.documentElement.dataset.presenting)).toBeUndefined();

  await projector.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), await slideWhere(projector, 'step'));
  await projector.keyboard.press('ArrowRight'); // the step
  const target = await at(projector);
  expect(target.f).toBe(0);
  for (const page of [notes, english]) {
    await expect.poll(() => at(page), { timeout: 10_000 }).toEqual(target);
  }
  // the other way round: the notes window moves, the projector follows
  await notes.keyboard.press('ArrowRight');
  const moved = await at(notes);
  expect(moved).not.toEqual(target);
  await expect.poll(() => at(projector), { timeout: 10_000 }).toEqual(moved);
  await expect.poll(() => at(english), { timeout: 10_000 }).toEqual(moved);
  await context.close();
});

test('L opens the twin deck at the same slide and step', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await open(page, `${baseUrl}asyncio-ja/index.html`);
  await page.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), await slideWhere(page, 'step-later-in-section'));
  await page.keyboard.press('ArrowRight');
  const ja = await at(page);
  expect(ja.nth).toBeGreaterThan(0);
  expect(ja.f).toBe(0);
  expect(await page.locator('.k-language').textContent()).toBe('English');
  await Promise.all([page.waitForURL(/asyncio-en/), page.keyboard.press('l')]);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  await expect.poll(() => at(page)).toEqual(ja);
  expect(page.url()).not.toContain('at=');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  // and back with the button
  await Promise.all([page.waitForURL(/asyncio-ja/), page.locator('.k-language').click()]);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  await expect.poll(() => at(page)).toEqual(ja);
  await context.close();
});

test("the speaker view's notes grow and shrink, the size survives a reload; the pacing timer and the clock show", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  // the presenting chunk arrives late (a slow machine, a busy network): an S pressed before it still gets the
  // fitted-out speaker view, since the notes plugin and its fitting-out load together
  let arrive = () => {};
  const late = new Promise<void>((ok) => (arrive = ok));
  await page.route(/across-devices-[^/]*\.js$/, async (route) => {
    await late;
    await route.continue();
  });
  // deck-ready waits for that chunk too; reveal.js is ready, and S bound, without it
  await page.goto(`${baseUrl}asyncio-ja/index.html#/2`);
  await page.waitForSelector('.reveal.ready');
  const openSpeaker = async () => {
    const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
    await speaker.waitForSelector('.k-notes-size button');
    return speaker;
  };
  const notesPx = (speaker: Page) => speaker.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.speaker-controls-notes .value')!).fontSize));

  let speaker = await openSpeaker();
  arrive();
  const first = await notesPx(speaker);
  await speaker.click('button[data-notes-size="larger"]');
  await speaker.click('button[data-notes-size="larger"]');
  const larger = await notesPx(speaker);
  expect(larger).toBeGreaterThan(first);
  await speaker.keyboard.press('-');
  const chosen = await notesPx(speaker);
  expect(chosen).toBeLessThan(larger);
  expect(chosen).toBeGreaterThan(first);
  // reveal.js's clock, and the pacing its timer shows because the deck sets `duration: 40`
  await speaker.waitForFunction(() => /\d/.test(document.querySelector('.clock-value')?.textContent ?? ''));
  await speaker.waitForFunction(() => getComputedStyle(document.querySelector('.speaker-controls-time .pacing')!).display !== 'none', null, { timeout: 15_000 });
  await speaker.close();

  await page.reload();
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  speaker = await openSpeaker();
  expect(await notesPx(speaker)).toBe(chosen);
  await context.close();
});
