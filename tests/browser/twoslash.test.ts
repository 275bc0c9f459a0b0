/**
 * ```ts twoslash on the slide: a token's type shows in a popup on hover and on keyboard focus, the popup stays
 * inside the slide (also near its right and bottom edges, and under reveal.js's scaling), and print shows the
 * `^?` query boxes but no popup. The example deck has the authoring slide; the twoslash-edges fixture deck puts
 * tokens at the slide's right and bottom edges.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

async function open(url: string, width = 1280, height = 720): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  return page;
}

async function showSlide(page: Page, section: string): Promise<void> {
  await page.evaluate((section) => {
    const d = (window as any).kowakunai.deck;
    d.slide(d.getSlides().findIndex((s: HTMLElement) => s.dataset.section === section));
  }, section);
  await page.waitForFunction((section) => (window as any).kowakunai.deck.getCurrentSlide().dataset.section === section, section);
}

/** Marks the `nth` hoverable token (-1: the last) whose own text is `name`, on the current slide. */
async function markToken(page: Page, name: string, nth = 0): Promise<string> {
  const found = await page.evaluate(
    ([name, nth]) => {
      const slide = (window as any).kowakunai.deck.getCurrentSlide() as HTMLElement;
      const own = (e: Element) => [...e.childNodes].filter((n) => !(n instanceof Element && n.matches('.twoslash-popup-container'))).map((n) => n.textContent).join('');
      const all = [...slide.querySelectorAll('.twoslash-hover[tabindex="0"]')].filter((e) => own(e) === name);
      const token = all.at(nth as number);
      token?.setAttribute('data-test-token', '');
      return all.length;
    },
    [name, nth] as const,
  );
  expect(found, `a hoverable "${name}" on the slide`).toBeGreaterThan(0);
  return '[data-test-token]';
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
/** The open popup's text and boxes on screen: its own, its token's and the slide's. */
function popupOf(page: Page, token: string) {
  return page.evaluate((token) => {
    const t = document.querySelector(token)!;
    const popup = t.querySelector(':scope > .twoslash-popup-container') as HTMLElement;
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    return {
      visible: getComputedStyle(popup).display !== 'none' && popup.getBoundingClientRect().width > 0,
      text: popup.textContent ?? '',
      popup: box(popup),
      token: box(t),
      slide: box(document.querySelector('.reveal .slides')!),
    };
  }, token);
}

const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 0.5 && inner.top >= outer.top - 0.5 && inner.right <= outer.right + 0.5 && inner.bottom <= outer.bottom + 0.5;

test('hovering a token shows its type in a popup under it, inside the slide', async () => {
  const page = await open(`${baseUrl}example/index.html`);
  await showSlide(page, 'types');
  const token = await markToken(page, 'gather');
  expect((await popupOf(page, token)).visible).toBe(false);
  await page.hover(token);
  await expect.poll(async () => (await popupOf(page, token)).visible).toBe(true);
  const open1 = await popupOf(page, token);
  expect(open1.text).toContain('function gather<T extends unknown[]>');
  // the cell API's documentation comes along
  expect(open1.text).toContain('asyncio.gather');
  expect(inside(open1.popup, open1.slide)).toBe(true);
  expect(open1.popup.top).toBeGreaterThanOrEqual(open1.token.bottom - 1);
  expect(Math.abs(open1.popup.left - open1.token.left)).toBeLessThan(2);
  // moving away closes it
  await page.mouse.move(5, 5);
  await expect.poll(async () => (await popupOf(page, token)).visible).toBe(false);
  await page.close();
});

test('Tab reaches the tokens and a focused token shows its popup', async () => {
  const page = await open(`${baseUrl}example/index.html`);
  await showSlide(page, 'types');
  // Tab until a twoslash token has the focus: the keyboard gets there without a mouse
  let focused = '';
  for (let i = 0; i < 10 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.matches('.twoslash-hover[tabindex="0"]') ? (a.lastChild?.textContent ?? '') : '';
    });
  }
  expect(focused).toBe('sleep');
  await page.evaluate(() => document.activeElement!.setAttribute('data-test-token', ''));
  const first = await popupOf(page, '[data-test-token]');
  expect(first.visible).toBe(true);
  expect(first.text).toContain('function sleep(seconds?: number): Awaitable<void>');
  expect(inside(first.popup, first.slide)).toBe(true);
  // the next Tab moves on: the first popup closes, the next token's opens
  await page.keyboard.press('Tab');
  expect((await popupOf(page, '[data-test-token]')).visible).toBe(false);
  expect(await page.evaluate(() => document.activeElement?.lastChild?.textContent)).toBe('gather');
  await page.close();
});

for (const [width, height] of [
  [1280, 720],
  [1000, 563],
  [1600, 900],
]) {
  test(`near the slide's bottom and right edges the popup moves above and left, inside the slide (${width}×${height})`, async () => {
    const page = await open(`${baseUrl}twoslash-edges/index.html`, width, height);
    await showSlide(page, 'edges');
    // the last line's `Settings`: a type of six lines, which does not fit under the last line
    const tall = await markToken(page, 'Settings', -1);
    await page.hover(tall);
    await expect.poll(async () => (await popupOf(page, tall)).visible).toBe(true);
    const above = await popupOf(page, tall);
    expect(above.text).toContain('timeoutSeconds: number');
    expect(inside(above.popup, above.slide)).toBe(true);
    expect(above.popup.bottom).toBeLessThanOrEqual(above.token.top);
    await page.evaluate(() => document.querySelector('[data-test-token]')!.removeAttribute('data-test-token'));
    // the last `defaults`, near the right edge: its popup is wider than the room right of it
    const right = await markToken(page, 'defaults', -1);
    await page.hover(right);
    await expect.poll(async () => (await popupOf(page, right)).visible).toBe(true);
    const left = await popupOf(page, right);
    expect(left.text).toContain('const defaults: Settings');
    expect(inside(left.popup, left.slide)).toBe(true);
    expect(left.popup.left).toBeLessThan(left.token.left);
    await page.close();
  });
}

test('print (?print-pdf) shows the ^? query and the expected error under their lines, and no popup', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${baseUrl}example/index.html?print-pdf`);
  await page.waitForSelector('html.reveal-print .pdf-page');
  const printed = await page.evaluate(() => {
    const slide = document.querySelector('section[data-section="types"]')!;
    const shown = (e: Element) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0;
    return {
      queries: [...slide.querySelectorAll('.twoslash-query-line')].filter(shown).map((e) => e.textContent!.replace(/\s+/g, ' ').trim()),
      errors: [...slide.querySelectorAll('.twoslash-error-line')].filter(shown).map((e) => e.textContent),
      popups: [...slide.querySelectorAll('.twoslash-hover > .twoslash-popup-container')].filter(shown).length,
      tokens: slide.querySelectorAll('.twoslash-hover > .twoslash-popup-container').length,
    };
  });
  expect(printed.queries).toEqual(['const served: [{ dish: string; secs: number; }, { dish: string; secs: number; }]']);
  expect(printed.errors).toEqual(["Argument of type 'string' is not assignable to parameter of type 'number'."]);
  expect(printed.tokens).toBeGreaterThan(5);
  // hovering in the print view opens nothing: paper has no hover
  await page.hover('section[data-section="types"] .twoslash-hover[tabindex="0"]');
  expect(await page.locator('section[data-section="types"] .twoslash-hover > .twoslash-popup-container:visible').count()).toBe(0);
  expect(printed.popups).toBe(0);
  await page.close();
});
