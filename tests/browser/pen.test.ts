/**
 * The pen in real Chromium: P and a drag draw a stroke on the slide, it survives a reload, E erases, C clears,
 * Z undoes, the arrow keys still move the deck while the pen is on, and P gives the deck back. Two windows of
 * one browser show each other's strokes; in presenting mode the audience (another browser context, only the
 * presenting server between them) sees the presenter's strokes, and so does someone who joins later; the
 * remote's Pen button toggles the presenter's pen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { startPresenting } from '../../src/node/server/present.js';
import { launchChromium } from './chromium.js';

const baseUrl = inject('baseUrl');
const distDir = inject('distDir');
/** generous: a stroke crosses in a frame or two; a busy 2-core machine gets slack */
const MIRROR_MS = 10_000;
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  return page;
}

/** strokes on the slide on screen, as the ids of their paths */
const strokesShown = (page: Page) => page.evaluate(() => [...document.querySelectorAll<SVGPathElement>('.reveal section.present > svg.k-pen path')].map((p) => p.dataset.stroke!));
const slideNumber = (page: Page) => page.evaluate(() => (window as any).kowakunai.deck.getIndices().h as number);

/** a drag across the middle of the screen (inside the slide) */
async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(...from);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(from[0] + ((to[0] - from[0]) * i) / 12, from[1] + ((to[1] - from[1]) * i) / 12);
  await page.mouse.up();
}

test('P, a drag: a stroke on the slide that survives a reload; E erases, Z undoes, C clears; arrows still move; P gives the deck back', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await open(context, `${baseUrl}example/index.html#/1`);
  await page.keyboard.press('p');
  expect(await page.evaluate(() => document.documentElement.classList.contains('k-pen-on'))).toBe(true);
  await drag(page, [300, 300], [700, 400]);
  const [first] = await strokesShown(page);
  expect(first).toBeTruthy();
  // the path runs where the mouse went, in the slide's coordinates (the slide is scaled to the window)
  const box = await page.locator(`path[data-stroke="${first}"]`).boundingBox();
  expect(box!.x).toBeGreaterThan(280);
  expect(box!.x + box!.width).toBeLessThan(720);
  await drag(page, [300, 500], [800, 500]);
  expect(await strokesShown(page)).toHaveLength(2);

  await page.reload();
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  expect(await strokesShown(page)).toHaveLength(2);
  expect(await page.evaluate(() => document.documentElement.classList.contains('k-pen-on'))).toBe(false);

  // the eraser: a drag across the first stroke takes it and leaves the other
  await page.keyboard.press('p');
  await page.keyboard.press('e');
  await drag(page, [500, 250], [500, 420]);
  await expect.poll(() => strokesShown(page)).toHaveLength(1);
  await page.keyboard.press('z');
  await expect.poll(() => strokesShown(page)).toHaveLength(2);
  await page.keyboard.press('e'); // back to drawing
  await page.keyboard.press('c');
  await expect.poll(() => strokesShown(page)).toEqual([]);
  await page.keyboard.press('z');
  await expect.poll(() => strokesShown(page)).toHaveLength(2);

  // navigation while the pen is on: the next slide has no strokes, and coming back finds them
  const at = await slideNumber(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => slideNumber(page)).toBe(at + 1);
  expect(await strokesShown(page)).toEqual([]);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => slideNumber(page)).toBe(at);
  expect(await strokesShown(page)).toHaveLength(2);

  // P again: a drag draws nothing, C clears nothing
  await page.keyboard.press('p');
  expect(await page.locator('.k-pen-tools').isVisible()).toBe(false);
  await drag(page, [300, 600], [900, 600]);
  await page.keyboard.press('c');
  expect(await strokesShown(page)).toHaveLength(2);
  await context.close();
});

test("two windows of one browser show each other's strokes as they are drawn, erased and cleared", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const a = await open(context, `${baseUrl}example/index.html#/3`);
  const b = await open(context, `${baseUrl}example/index.html#/3`);
  await a.keyboard.press('p');
  await drag(a, [200, 300], [600, 350]);
  const ids = await strokesShown(a);
  expect(ids).toHaveLength(1);
  await expect.poll(() => strokesShown(b), { timeout: MIRROR_MS }).toEqual(ids);
  // the other way round
  await b.keyboard.press('p');
  await drag(b, [200, 500], [600, 550]);
  await expect.poll(async () => (await strokesShown(a)).length, { timeout: MIRROR_MS }).toBe(2);
  await a.keyboard.press('c');
  await expect.poll(() => strokesShown(b), { timeout: MIRROR_MS }).toEqual([]);
  await context.close();
});

test('presenting: the audience sees the presenter draw, and a late joiner sees what was drawn', async () => {
  const presenting = await startPresenting({ outDir: distDir, build: false, host: '127.0.0.1', port: 0, deck: 'example', log: () => {} });
  const contexts: BrowserContext[] = [];
  const fresh = async () => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    contexts.push(c);
    return c;
  };
  try {
    const presenter = await open(await fresh(), presenting.localUrls.presenter);
    const audience = await open(await fresh(), presenting.localUrls.audience);
    await audience.waitForFunction(() => document.documentElement.dataset.presenting === 'follower');
    await presenter.keyboard.press('ArrowRight');
    await audience.waitForFunction(() => (window as any).kowakunai.deck.getIndices().h === 1, undefined, { timeout: MIRROR_MS });
    await presenter.keyboard.press('p');
    await drag(presenter, [300, 300], [800, 420]);
    const ids = await strokesShown(presenter);
    expect(ids).toHaveLength(1);
    await expect.poll(() => strokesShown(audience), { timeout: MIRROR_MS }).toEqual(ids);
    // the follower draws them where the presenter did
    const d = (page: Page) => page.locator(`path[data-stroke="${ids[0]}"]`).getAttribute('d');
    expect(await d(audience)).toBe(await d(presenter));

    const late = await open(await fresh(), presenting.localUrls.audience);
    await late.waitForFunction(() => (window as any).kowakunai.deck.getIndices().h === 1, undefined, { timeout: MIRROR_MS });
    await expect.poll(() => strokesShown(late), { timeout: MIRROR_MS }).toEqual(ids);

    // an audience member's P draws nothing: their deck mirrors the presenter's
    await audience.keyboard.press('p');
    expect(await audience.evaluate(() => document.documentElement.classList.contains('k-pen-on'))).toBe(false);
    await presenter.keyboard.press('c');
    await expect.poll(() => strokesShown(audience), { timeout: MIRROR_MS }).toEqual([]);

    // the remote's Pen button puts the presenter's pen down (and takes it up again)
    const remote = await (await fresh()).newPage();
    await remote.goto(presenting.localUrls.remote);
    const penOn = () => presenter.evaluate(() => document.documentElement.classList.contains('k-pen-on'));
    expect(await penOn()).toBe(true);
    await remote.locator('button[data-action="pen"]').click();
    await expect.poll(penOn, { timeout: MIRROR_MS }).toBe(false);
  } finally {
    for (const c of contexts) await c.close();
    await presenting.close();
  }
});
