/**
 * Magic move as a viewer sees it, on the fixture deck tests/fixtures/decks/morph: which code is on screen at each
 * step, that a word the versions share is the same element before and after and glides there over several
 * frames (or jumps, under reduced motion), that ← goes back, that ?print-pdf prints every version on a page of
 * its own, and that a cell that morphs runs, and shows the recorded run of, the version on screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';
import { openPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
const deckUrl = `${baseUrl}morph/index.html`;
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const VERSIONS = [
  "const names = ['A', 'B', 'C'];\nfor (const name of names) {\n  await work(name);\n}",
  "const names = ['A', 'B', 'C'];\nconst tasks = names.map((name) => work(name));\nawait Promise.all(tasks);",
  "const names = ['A', 'B', 'C'];\nawait Promise.all(names.map(work));",
];

async function toSection(page: Page, section: string): Promise<void> {
  await page.evaluate((s) => {
    const d = (window as any).kowakunai.deck;
    d.slide(d.getSlides().findIndex((x: HTMLElement) => x.dataset.section === s), 0, -1);
  }, section);
}

/** The code a viewer sees in the slide's magic move: the text of the version that is visible. */
const codeOnScreen = (page: Page) =>
  page.evaluate(() => {
    const shown = [...document.querySelectorAll<HTMLElement>('.reveal .present .k-mm > .k-mm-v')].filter((v) => getComputedStyle(v).visibility === 'visible');
    return shown.map((v) => v.textContent);
  });

/**
 * Tags the on-screen token `text`, presses `key`, and samples the tagged element's place each frame for 1 s.
 * Returns the distinct places it was seen at, and whether the visible token `text` afterwards is that element.
 */
async function pressAndWatch(page: Page, text: string, key: string) {
  await page.evaluate((text) => {
    const shown = [...document.querySelectorAll<HTMLElement>('.reveal .present .k-mm > .k-mm-v')].find((v) => getComputedStyle(v).visibility === 'visible')!;
    const el = [...shown.querySelectorAll<HTMLElement>('.line > span')].find((t) => t.textContent === text)!;
    (el as any).__watched = true;
    const w = window as any;
    w.__places = [];
    w.__sampled = false;
    const t0 = performance.now();
    const sample = () => {
      const r = el.getBoundingClientRect();
      w.__places.push(`${Math.round(r.left)},${Math.round(r.top)}`);
      if (performance.now() - t0 < 1000) requestAnimationFrame(sample);
      else w.__sampled = true;
    };
    requestAnimationFrame(sample);
  }, text);
  await page.keyboard.press(key);
  await page.waitForFunction(() => (window as any).__sampled === true, null, { timeout: 10_000 });
  return page.evaluate((text) => {
    const shown = [...document.querySelectorAll<HTMLElement>('.reveal .present .k-mm > .k-mm-v')].find((v) => getComputedStyle(v).visibility === 'visible')!;
    const now = [...shown.querySelectorAll<HTMLElement>('.line > span')].find((t) => t.textContent === text);
    const places: string[] = (window as any).__places;
    return { places: [...new Set(places)], frames: places.length, same: (now as any)?.__watched === true };
  }, text);
}

test('each step shows the next version; a shared word is the same element and glides over several frames; ← goes back', async () => {
  const { page, context, consoleErrors } = await openPage(browser, deckUrl);
  await toSection(page, 'mm-small');
  await expect.poll(() => codeOnScreen(page)).toEqual([VERSIONS[0]]);

  // "work" goes from line 3 to line 2: the element on screen moves there, through places in between
  const forward = await pressAndWatch(page, 'work', 'ArrowRight');
  expect(await codeOnScreen(page)).toEqual([VERSIONS[1]]);
  expect(forward.same).toBe(true);
  expect(forward.places.length).toBeGreaterThanOrEqual(4);

  const next = await pressAndWatch(page, 'names', 'ArrowRight');
  expect(await codeOnScreen(page)).toEqual([VERSIONS[2]]);
  expect(next.same).toBe(true);

  // ← reverses: the same element goes back to where version 2 has it, moving again
  const back = await pressAndWatch(page, 'work', 'ArrowLeft');
  expect(await codeOnScreen(page)).toEqual([VERSIONS[1]]);
  expect(back.same).toBe(true);
  expect(back.places.length).toBeGreaterThanOrEqual(4);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => codeOnScreen(page)).toEqual([VERSIONS[0]]);
  // the deck's own step counter agrees: reveal.js counts the markers as fragments
  expect(await page.evaluate(() => (window as any).kowakunai.deck.getIndices().f ?? -1)).toBe(-1);
  expect(consoleErrors).toEqual([]);
  await context.close();
});

test('the moves stay right under reveal.js scaling: a word starts where it was and ends where the new version has it', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 360 } });
  const page = await context.newPage();
  await page.goto(deckUrl);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  await toSection(page, 'mm-small');
  expect(await page.evaluate(() => (window as any).kowakunai.deck.getScale())).toBeLessThan(0.6);
  const placeIn = (v: number) =>
    page.evaluate((v) => {
      const pre = document.querySelector<HTMLElement>(`.reveal .present .k-mm > .k-mm-v[data-v="${v}"]`)!;
      const r = [...pre.querySelectorAll<HTMLElement>('.line > span')].find((t) => t.textContent === 'work')!.getBoundingClientRect();
      return [r.left, r.top];
    }, v);
  const [from, to] = [await placeIn(0), await placeIn(1)];
  const { places } = await pressAndWatch(page, 'work', 'ArrowRight');
  const xy = places.map((p) => p.split(',').map(Number));
  // where it comes to rest is where a fresh layout of version 1 puts it
  expect(xy.at(-1)).toEqual(to.map(Math.round));
  // its first frame in motion is near where it was: a move measured in screen pixels but applied in the slide's
  // own (scaled) pixels would start it halfway there
  const moved = xy.find(([x, y]) => Math.hypot(x - from[0], y - from[1]) > 1.5)!;
  const share = Math.hypot(moved[0] - from[0], moved[1] - from[1]) / Math.hypot(to[0] - from[0], to[1] - from[1]);
  expect(share).toBeLessThan(0.35);
  expect(places.length).toBeGreaterThanOrEqual(4);
  await context.close();
});

test('under prefers-reduced-motion the step jumps: no frame between the two places', async () => {
  const { page, context } = await openPage(browser, deckUrl);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await toSection(page, 'mm-small');
  const before = await page.evaluate(() => {
    const v0 = document.querySelector<HTMLElement>('.reveal .present .k-mm > .k-mm-v[data-v="0"]')!;
    const r = [...v0.querySelectorAll<HTMLElement>('.line > span')].find((t) => t.textContent === 'work')!.getBoundingClientRect();
    return `${Math.round(r.left)},${Math.round(r.top)}`;
  });
  const step = await pressAndWatch(page, 'work', 'ArrowRight');
  expect(await codeOnScreen(page)).toEqual([VERSIONS[1]]);
  expect(step.same).toBe(true);
  // at most the old place (a frame sampled before the key arrived) and the new one
  expect(step.places.filter((p) => p !== before)).toHaveLength(1);
  await context.close();
});

test('?print-pdf prints every version on a page of its own, whole', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${deckUrl}?print-pdf`);
  await page.waitForFunction(() => document.querySelectorAll('html.reveal-print .pdf-page').length > 0);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  const pages = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.pdf-page')]
      .filter((p) => p.querySelector('section[data-section="mm-small"]'))
      .map((p) => [...p.querySelectorAll<HTMLElement>('.k-mm > .k-mm-v')].filter((v) => getComputedStyle(v).visibility === 'visible').map((v) => v.textContent)),
  );
  expect(pages).toEqual(VERSIONS.map((v) => [v]));
  await context.close();
});

test('a cell that morphs runs the version on screen and shows the recorded run of each version', async () => {
  const { page, context, consoleErrors } = await openPage(browser, deckUrl);
  await toSection(page, 'mm-cell');
  const cell = page.locator('live-cell[data-cell-id="steps"]');
  const recorded = await cell.evaluate((el) => {
    const p = JSON.parse(el.querySelector('script[data-role="cell-data"]')!.textContent!);
    return [p.recorded.totalMs, ...p.versions.map((v: any) => v.recorded.totalMs)] as number[];
  });
  // version 0 sleeps 0.4 s three times in a row, version 1 three times at once
  expect(recorded[0]).toBeGreaterThan(1150);
  expect(recorded[1]).toBeLessThan(recorded[0] - 600);
  const elapsed = () => cell.locator('[data-role="elapsed"]').textContent();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  expect(await elapsed()).toBe(seconds(recorded[0]));

  await page.keyboard.press('ArrowRight');
  await expect.poll(() => cell.getAttribute('data-version')).toBe('1');
  expect(await elapsed()).toBe(seconds(recorded[1]));
  await expect.poll(() => cell.locator('[data-role="code"] .k-mm-v[data-v="1"]').evaluate((v) => getComputedStyle(v).visibility)).toBe('visible');

  // Run runs version 1: concurrent sleeps, well under the sequential 1.2 s
  await cell.locator('[data-action="run"]').click();
  await expect.poll(() => cell.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
  const ran1 = Number(await cell.getAttribute('data-total-ms'));
  expect(ran1).toBeGreaterThan(380);
  expect(ran1).toBeLessThan(1100);
  expect(await cell.locator('[data-role="output-lines"]').textContent()).toMatch(/A.*B.*C/);

  // back to version 0: its recording shows again, and Run runs the sequential code
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => cell.getAttribute('data-version')).toBe('0');
  expect(await elapsed()).toBe(seconds(recorded[0]));
  await cell.locator('[data-action="run"]').click();
  await expect.poll(() => cell.getAttribute('data-total-ms'), { timeout: 30_000 }).not.toBeNull();
  await expect.poll(() => cell.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
  expect(Number(await cell.getAttribute('data-total-ms'))).toBeGreaterThan(1150);
  expect(consoleErrors).toEqual([]);
  await context.close();
});

test("a cell's edit is saved for its version only", async () => {
  const { page, context } = await openPage(browser, deckUrl);
  await toSection(page, 'mm-cell');
  const cell = page.locator('live-cell[data-cell-id="steps"]');
  await cell.locator('[data-action="edit"]').click();
  await page.waitForSelector('live-cell[data-cell-id="steps"] .cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nprint("edited v0");');
  await expect.poll(() => cell.getAttribute('data-modified')).not.toBeNull();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => cell.getAttribute('data-version')).toBe('1');
  // the editor now holds version 1, unedited
  await expect.poll(() => cell.locator('.cm-content').textContent()).toMatch(/gather/);
  expect(await cell.locator('.cm-content').textContent()).not.toMatch(/edited v0/);
  expect(await cell.getAttribute('data-modified')).toBeNull();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => cell.locator('.cm-content').textContent()).toMatch(/edited v0/);
  await context.close();
});
