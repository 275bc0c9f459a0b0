/**
 * Every slide fits the projector: the fit check (src/node/check) over every deck of the test site, in the
 * live view and the print view, and for one talk deck after running every cell; then what a person at
 * the back of the room checks on a demo slide (code size, every line, every timeline row), the
 * Python / TypeScript switch, and the phone reader.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkDeckFit, formatProblem } from '../../src/node/check/check-deck.js';
import { CODE_FLOOR_PX } from '../../src/shared/cell-geometry.js';
import { launchChromium } from './chromium.js';
import { cellLocator, openPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe('the fit check', () => {
  for (const deck of ['asyncio-ja', 'asyncio-en', 'example']) {
    test(`${deck}: every slide, every step and every twin pane inside 1280×720, nothing cut (live, print view and handout)`, async () => {
      const problems = await checkDeckFit(browser, `${baseUrl}${deck}/`, deck, { views: ['live', 'print', 'handout'] });
      expect(problems.map(formatProblem)).toEqual([]);
    }, 180_000);
  }

  test('asyncio-en: still fits after every cell has run (live output, live timelines)', async () => {
    const problems = await checkDeckFit(browser, `${baseUrl}asyncio-en/`, 'asyncio-en', { views: ['run'] });
    expect(problems.map(formatProblem)).toEqual([]);
  }, 300_000);

  test('the handout check fails on a slide picture that spills, naming deck and slide', async () => {
    const lines = (await checkDeckFit(browser, `${baseUrl}too-much/`, 'too-much', { views: ['handout'] })).map(formatProblem);
    expect(lines.some((l) => /^too-much slide 2 \[handout\]: .*spills, \d+ px past the bottom edge/.test(l)), lines.join('\n')).toBe(true);
  }, 60_000);

  test('fails, naming deck, slide and element, on a slide that spills and a box that cuts its code', async () => {
    const problems = await checkDeckFit(browser, `${baseUrl}too-much/`, 'too-much', { views: ['live'] });
    const lines = problems.map(formatProblem);
    expect(lines.some((l) => /^too-much slide 2 \[live\]: .*spills, \d+ px past the bottom edge/.test(l)), lines.join('\n')).toBe(true);
    expect(lines.some((l) => /^too-much slide 3 \[live\]: live-cell "long" code: cut, \d+ px of its content hidden below/.test(l)), lines.join('\n')).toBe(true);
  }, 60_000);
});

/** What someone in the room checks on the demo slide: code size, every line, every timeline row. */
async function measureDemo(page: Page, id: string) {
  return page.evaluate((id) => {
    const cell = document.querySelector(`live-cell[data-cell-id="${id}"]`) as HTMLElement;
    const code = cell.querySelector('[data-role="code"]') as HTMLElement;
    const box = code.getBoundingClientRect();
    const scale = box.width / code.offsetWidth;
    const lines = [...code.querySelectorAll('.line')].map((l) => l.getBoundingClientRect());
    const hiddenLines = lines.filter((r) => r.top < box.top - 1 || r.bottom > box.bottom + 1).length;
    const timeline = cell.querySelector('[data-role="timeline"]') as HTMLElement;
    const tl = timeline.getBoundingClientRect();
    const rows = [...timeline.querySelectorAll('.k-tl-label')].map((l) => l.getBoundingClientRect());
    return {
      // the size the glyphs are drawn at: the code element's, not only its pre's
      fontPx: Math.min(...[...code.querySelectorAll('pre, pre code, .line')].map((e) => parseFloat(getComputedStyle(e).fontSize))),
      lines: lines.length,
      hiddenLines,
      rows: rows.length,
      hiddenRows: rows.filter((r) => r.top < tl.top - 1 || r.bottom > tl.bottom + 1 || r.height * (1 / scale) < 9).length,
      tasks: Number(/(\d+) (?:tasks?|タスク)/.exec(timeline.querySelector('svg')?.getAttribute('aria-label') ?? '')?.[1]),
    };
  }, id);
}

describe('a demo slide in the room', () => {
  test('Appendix A (Semaphore): code at 16 px or more with no line hidden, every timeline row, in both languages', async () => {
    const { page, context, consoleErrors } = await openPage(browser, `${baseUrl}asyncio-en/index.html`);
    const slide = await page.evaluate(() => {
      const k = (window as any).kowakunai;
      const i = k.deck.getSlides().findIndex((s: Element) => s.querySelector('live-cell[data-cell-id="semaphore-py"]'));
      k.deck.slide(i);
      return i;
    });
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${slide}`);
    // Python first
    await expect.poll(() => cellLocator(page, 'semaphore-py').isVisible()).toBe(true);
    expect(await cellLocator(page, 'semaphore').isVisible()).toBe(false);
    const py = await measureDemo(page, 'semaphore-py');
    expect(py.fontPx).toBeGreaterThanOrEqual(CODE_FLOOR_PX);
    expect(py.lines).toBeGreaterThanOrEqual(20);
    expect(py.hiddenLines).toBe(0);
    // the main task and two runs of nine requests, each a row (Python adds a row per awaited coroutine)
    expect(py.tasks).toBe(19);
    expect(py.rows).toBeGreaterThanOrEqual(19);
    expect(py.hiddenRows).toBe(0);

    // T switches the frame to TypeScript; the tab says so
    await page.keyboard.press('t');
    await expect.poll(() => cellLocator(page, 'semaphore').isVisible()).toBe(true);
    expect(await cellLocator(page, 'semaphore-py').isVisible()).toBe(false);
    expect(await page.locator('.present [data-twin-tab="ts"]').getAttribute('aria-selected')).toBe('true');
    const ts = await measureDemo(page, 'semaphore');
    expect(ts.fontPx).toBeGreaterThanOrEqual(CODE_FLOOR_PX);
    expect(ts.hiddenLines).toBe(0);
    expect(ts.tasks).toBe(19);
    expect(ts.rows).toBe(19);
    expect(ts.hiddenRows).toBe(0);

    // the choice holds on the next demo, and a tab click brings Python back
    await page.evaluate(() => {
      const k = (window as any).kowakunai;
      // demos 1 → 2 → 3 (one cell that morphs), at its second version: the tasks
      k.deck.slide(k.deck.getSlides().findIndex((s: Element) => s.querySelector('live-cell[data-cell-id="await-one-by-one"]')), 0, 0);
    });
    await expect.poll(() => cellLocator(page, 'await-one-by-one').isVisible()).toBe(true);
    await page.locator('.present [data-twin-tab="python"]').click();
    await expect.poll(() => cellLocator(page, 'await-one-by-one-py').isVisible()).toBe(true);
    // the TypeScript twin stays runnable after being hidden and shown
    await page.keyboard.press('t');
    const runs = Number((await cellLocator(page, 'await-one-by-one').getAttribute('data-runs')) ?? 0);
    await cellLocator(page, 'await-one-by-one').locator('[data-action="run"]').click();
    await expect.poll(() => cellLocator(page, 'await-one-by-one').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(Number(await cellLocator(page, 'await-one-by-one').getAttribute('data-runs'))).toBe(runs + 1);
    // it ran the version on screen: the tasks, about 3 s, not 6
    expect(await cellLocator(page, 'await-one-by-one').getAttribute('data-version')).toBe('1');
    expect(Number(await cellLocator(page, 'await-one-by-one').getAttribute('data-total-ms'))).toBeLessThan(4500);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('a phone (390×844)', () => {
  test('reads reflowed text at 14 px or more, lands on the slide of the link, folds the notes, and runs a cell', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${baseUrl}asyncio-en/index.html#/22`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    expect(await page.evaluate(() => document.documentElement.classList.contains('k-reader'))).toBe(true);
    // landed on slide 23 (#/22), at the top of the screen
    // (polled: fonts and cells settle the sizes of the slides around it after boot, later on a busy machine)
    await expect.poll(() => page.evaluate(() => Math.abs(document.querySelectorAll('.slides > section')[22].getBoundingClientRect().top))).toBeLessThan(60);
    // a link to another slide scrolls there (the reader has no reveal.js to follow the hash)
    await page.evaluate(() => (location.hash = '#/40'));
    await expect.poll(() => page.evaluate(() => Math.abs(document.querySelectorAll('.slides > section')[40].getBoundingClientRect().top))).toBeLessThan(60);
    await page.evaluate(() => (location.hash = '#/10'));
    await expect.poll(() => page.evaluate(() => Math.abs(document.querySelectorAll('.slides > section')[10].getBoundingClientRect().top))).toBeLessThan(60);
    // body text, headings and code on every slide at a readable size, nothing scaled as a picture
    const small = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('.slides > section :is(p, li, h1, h2, h3, pre, td)')) {
        if (el.closest('svg, .k-cell-toolbar, details:not([open])') || el.getClientRects().length === 0) continue;
        const px = parseFloat(getComputedStyle(el).fontSize) * (el.getBoundingClientRect().width / el.offsetWidth || 1);
        if (px < 14) out.push(`${el.tagName} ${px}px "${el.textContent!.slice(0, 30)}"`);
      }
      return out;
    });
    expect(small).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // notes are folded under their slide
    const notes = page.locator('.slides > section').nth(22).locator('details.k-reader-notes');
    expect(await notes.count()).toBe(1);
    expect(await notes.getAttribute('open')).toBeNull();
    // a cell runs
    const cell = cellLocator(page, 'await-one-by-one');
    await page.locator('.slides > section').nth(21).locator('[data-twin-tab="ts"]').click();
    await cell.locator('[data-action="run"]').click();
    await expect.poll(() => cell.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await cell.locator('[data-role="elapsed"]').textContent()).toMatch(/^\d+\.\d\d s$/);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
