/**
 * Stepped line highlights ({1|3-4|all}), notation comments and notes that follow the steps, in real Chromium on the
 * built example deck: which lines are lit and which dimmed (computed opacity) at each step, ← back, the step in
 * the URL, a cell's static code and its editor, print, the handout and the phone reader, and the notes lighting
 * the current step in the speaker view and on the phone remote.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startPresenting } from '../../src/node/server/present.js';
import { launchChromium } from './chromium.js';
import { openPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
const deckUrl = `${baseUrl}example/index.html`;
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

type Steps = (number[] | 'all')[];

/** The slide with this data-section (found in the deck, not by number: decks change). */
const slideOf = (page: Page, section: string) =>
  page.evaluate((section) => (window as any).kowakunai.deck.getSlides().findIndex((s: HTMLElement) => s.dataset.section === section) as number, section);

/**
 * Each line of the block's code as the eye sees it: 'lit' at full opacity, 'dim' when faded (< 0.5 — 0.4 is the
 * rule). The opacity is the line's own times its ancestors' up to the block (a transition may still run: polled).
 */
function seen(page: Page, block: string): Promise<string[]> {
  return page.evaluate((block) => {
    const root = document.querySelector(block)!;
    return [...root.querySelectorAll<HTMLElement>('code > .line, .cm-line')].map((line) => {
      let o = 1;
      for (let e: HTMLElement | null = line; e && e !== root.parentElement; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o > 0.99 ? 'lit' : o < 0.5 ? 'dim' : `?${o.toFixed(2)}`;
    });
  }, block);
}

/** What step `k` of `steps` should look like on a block of `count` lines. */
const expected = (steps: Steps, k: number, count: number) =>
  Array.from({ length: count }, (_, i) => (steps[k] === 'all' || (steps[k] as number[]).includes(i + 1) ? 'lit' : 'dim'));

const hash = (page: Page) => page.evaluate(() => location.hash);

describe('a code block in steps', () => {
  const block = 'section.present pre.k-steps';

  test('→ lights each step\'s lines and dims the rest, ← goes back, and the URL carries the step', async () => {
    const { page, context, consoleErrors } = await openPage(browser, deckUrl);
    const i = await slideOf(page, 'code-steps');
    await page.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), i);
    const steps: Steps = JSON.parse((await page.locator(block).getAttribute('data-steps'))!);
    // the example deck's fence: ```ts {1|3-4|all}
    expect(steps).toEqual([[1], [3, 4], 'all']);
    const count = await page.locator(`${block} code > .line`).count();
    expect(count).toBe(5);

    await expect.poll(() => seen(page, block)).toEqual(['lit', 'dim', 'dim', 'dim', 'dim']);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => seen(page, block)).toEqual(expected(steps, 1, count));
    expect(expected(steps, 1, count)).toEqual(['dim', 'dim', 'lit', 'lit', 'dim']);
    // reveal.js writes the step into the URL (at most once a second)
    await expect.poll(() => hash(page), { timeout: 5_000 }).toBe(`#/${i}/0/0`);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => seen(page, block)).toEqual(['lit', 'lit', 'lit', 'lit', 'lit']);
    await expect.poll(() => hash(page), { timeout: 5_000 }).toBe(`#/${i}/0/1`);
    // a third → leaves the slide: three steps, not more
    expect(await page.evaluate(() => (window as any).kowakunai.deck.availableFragments().next)).toBe(false);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => seen(page, block)).toEqual(['dim', 'dim', 'lit', 'lit', 'dim']);
    await expect.poll(() => hash(page), { timeout: 5_000 }).toBe(`#/${i}/0/0`);

    // opened at a step's URL, the deck shows that step's lines
    const other = await context.newPage();
    await other.goto(`${deckUrl}#/${i}/0/0`);
    await other.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    await expect.poll(() => seen(other, block)).toEqual(['dim', 'dim', 'lit', 'lit', 'dim']);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('print shows the last step, the handout and the phone reader every line', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${deckUrl}?print-pdf`);
    await page.waitForSelector('html.reveal-print .pdf-page', { state: 'attached' });
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    // the last step of {1|3-4|all} is every line (the fixture deck below checks a last step that is not)
    await expect.poll(() => seen(page, '[data-section="code-steps"] pre.k-steps')).toEqual(['lit', 'lit', 'lit', 'lit', 'lit']);
    // the handout has no steps: every line lit, in the cell too
    await page.goto(`${baseUrl}example/handout.html`);
    expect(await seen(page, '.handout-page:has([data-section="code-steps"]) pre.k-steps')).toEqual(['lit', 'lit', 'lit', 'lit', 'lit']);
    expect(await seen(page, 'live-cell[data-steps]')).not.toContain('dim');
    await context.close();
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(deckUrl);
    await phone.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    expect(await phone.evaluate(() => (window as any).kowakunai.reader)).toBe(true);
    expect(await seen(phone, '[data-section="code-steps"] pre.k-steps')).toEqual(['lit', 'lit', 'lit', 'lit', 'lit']);
    await phone.close();
  });
});

describe('the fixture deck (tests/fixtures/decks/code-steps)', () => {
  const fixture = `${baseUrl}code-steps/index.html`;
  const first = 'section.present pre.k-steps:nth-of-type(1)';
  const second = 'section.present pre.k-steps:nth-of-type(2)';

  test('two blocks on a slide each follow their own steps, a <Step> between them taking its turn', async () => {
    const { page, context } = await openPage(browser, fixture);
    await page.evaluate(async (i) => (window as any).kowakunai.deck.slide(i, 0, -1), await slideOf(page, 'two-blocks'));
    const both = async () => [await seen(page, first), await seen(page, second)];
    await expect.poll(both).toEqual([['lit', 'dim'], ['dim', 'lit', 'dim']]);
    await page.keyboard.press('ArrowRight');
    await expect.poll(both).toEqual([['dim', 'lit'], ['dim', 'lit', 'dim']]);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('section.present div.fragment').getAttribute('class')).toContain('visible');
    expect(await both()).toEqual([['dim', 'lit'], ['dim', 'lit', 'dim']]);
    await page.keyboard.press('ArrowRight');
    await expect.poll(both).toEqual([['dim', 'lit'], ['lit', 'dim', 'lit']]);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(both).toEqual([['dim', 'lit'], ['dim', 'lit', 'dim']]);
    await context.close();
  });

  test('in print the blocks show their last step (one page per slide, fragments in their final state)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${fixture}?print-pdf`);
    await page.waitForSelector('html.reveal-print .pdf-page', { state: 'attached' });
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    const pre = (n: number) => `[data-section="two-blocks"] pre.k-steps:nth-of-type(${n})`;
    await expect.poll(async () => [await seen(page, pre(1)), await seen(page, pre(2))]).toEqual([['dim', 'lit'], ['lit', 'dim', 'lit']]);
    await page.close();
  });

  test('in <Twins> the shown pane steps on each press, and the hidden one keeps pace (no press lost to it)', async () => {
    const { page, context } = await openPage(browser, fixture);
    await page.evaluate(async (i) => (window as any).kowakunai.deck.slide(i, 0, -1), await slideOf(page, 'twins'));
    const pane = (lang: string) => `section.present [data-twin="${lang}"] pre.k-steps`;
    // {1|2} in each pane: two steps, so one press to the last
    expect(await page.evaluate(() => (window as any).kowakunai.deck.availableFragments())).toEqual({ prev: false, next: true });
    await expect.poll(() => seen(page, pane('ts'))).toEqual(['lit', 'dim']);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => seen(page, pane('ts'))).toEqual(['dim', 'lit']);
    expect(await page.evaluate(() => (window as any).kowakunai.deck.availableFragments())).toEqual({ prev: true, next: false });
    // the other language, shown now, is at the same step
    await page.keyboard.press('t');
    await expect.poll(() => seen(page, pane('python'))).toEqual(['dim', 'lit']);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => seen(page, pane('python'))).toEqual(['lit', 'dim']);
    await context.close();
  });

  test('a lit line below the fold of a tall block scrolls into view, the slide itself staying put', async () => {
    const { page, context } = await openPage(browser, fixture);
    await page.evaluate(async (i) => (window as any).kowakunai.deck.slide(i, 0, -1), await slideOf(page, 'tall'));
    const pre = 'section.present pre.k-steps';
    const view = () =>
      page.evaluate((pre) => {
        const box = document.querySelector<HTMLElement>(pre)!;
        const line = box.querySelectorAll('code > .line')[37].getBoundingClientRect();
        const r = box.getBoundingClientRect();
        return { scrolled: box.scrollTop > 0, line38Shown: line.top >= r.top && line.bottom <= r.bottom, slideTop: document.querySelector('section.present')!.getBoundingClientRect().top };
      }, pre);
    const before = await view();
    expect(before).toMatchObject({ scrolled: false, line38Shown: false });
    await page.keyboard.press('ArrowRight');
    await expect.poll(view).toEqual({ scrolled: true, line38Shown: true, slideTop: before.slideTop });
    await context.close();
  });
});

test('a cell in steps: its static code, then its editor, light the step\'s lines', async () => {
  const { page, context, consoleErrors } = await openPage(browser, deckUrl);
  const i = await slideOf(page, 'cell-steps');
  await page.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), i);
  const cell = 'section.present live-cell[data-steps]';
  const steps: Steps = JSON.parse((await page.locator(cell).getAttribute('data-steps'))!);
  expect(steps).toEqual([[1], [3, 4, 5, 6], 'all']);
  await expect.poll(() => seen(page, cell)).toEqual(expected(steps, 0, 6));
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => seen(page, cell)).toEqual(['dim', 'dim', 'lit', 'lit', 'lit', 'lit']);
  // the editor replaces the static code: the step's markers stay (they are outside it), and its lines follow
  await page.locator(`${cell} [data-action="edit"]`).click();
  await page.locator(`${cell} .cm-line`).first().waitFor();
  await expect.poll(() => seen(page, cell)).toEqual(['dim', 'dim', 'lit', 'lit', 'lit', 'lit']);
  expect(await page.evaluate(() => (window as any).kowakunai.deck.availableFragments().next)).toBe(true);
  await page.evaluate(() => (window as any).kowakunai.deck.next());
  await expect.poll(() => seen(page, cell)).toEqual(['lit', 'lit', 'lit', 'lit', 'lit', 'lit']);
  await page.evaluate(() => (window as any).kowakunai.deck.prev());
  await expect.poll(() => seen(page, cell)).toEqual(['dim', 'dim', 'lit', 'lit', 'lit', 'lit']);
  expect(consoleErrors).toEqual([]);
  await context.close();
});

test('diff, focus, error, warning and word: marked on screen, the comments gone', async () => {
  const { page, context } = await openPage(browser, deckUrl);
  const i = await slideOf(page, 'code-notation');
  await page.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), i);
  const looks = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('section.present pre.shiki code > .line')].map((l) => {
      const pre = getComputedStyle(l.closest('pre')!).backgroundColor;
      const bg = getComputedStyle(l).backgroundColor;
      return {
        text: l.textContent!.trim(),
        sign: getComputedStyle(l, '::before').content,
        tinted: bg !== pre && bg !== 'rgba(0, 0, 0, 0)',
        faded: Number(getComputedStyle(l).opacity) < 0.5,
      };
    }),
  );
  expect(looks).toEqual([
    { text: 'const res = await fetch(url);', sign: 'none', tinted: false, faded: true },
    { text: 'const body = res.text();', sign: '"−"', tinted: true, faded: true },
    { text: 'const body = await res.text();', sign: '"+"', tinted: true, faded: true },
    // the focused line: the others are faded
    { text: 'console.log(body.length);', sign: 'none', tinted: false, faded: false },
    { text: 'import time', sign: 'none', tinted: true, faded: false },
    { text: 'time.sleep(1)', sign: 'none', tinted: true, faded: false },
    { text: 'await asyncio.sleep(1)', sign: 'none', tinted: false, faded: false },
  ]);
  expect(await page.locator('section.present pre').allTextContents()).not.toContainEqual(expect.stringContaining('[!code'));
  const word = page.locator('section.present .highlighted-word');
  expect(await word.allTextContents()).toEqual(['asyncio']);
  await context.close();
});

test("the speaker view lights the notes of the current step, and follows → and ←", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(deckUrl);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  const i = await slideOf(page, 'code-steps');
  await page.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), i);
  const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  const parts = () =>
    speaker.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.speaker-controls-notes .value [data-note-step]')].map(
        (p) => `${p.dataset.noteStep}:${p.classList.contains('k-note-current') ? 'current' : p.classList.contains('k-note-past') ? 'past' : 'future'}`,
      ),
    );
  await expect.poll(parts, { timeout: 15_000 }).toEqual(['0:current', '1:future', '2:future']);
  // the [click] markers are badges, not text
  expect(await speaker.locator('.speaker-controls-notes .value').textContent()).not.toContain('[click]');
  expect(await speaker.locator('.speaker-controls-notes .k-note-badge').allTextContents()).toEqual(['1', '2']);
  // lit: the current part stands out from the others
  const opacity = (n: number) => speaker.evaluate((n) => getComputedStyle(document.querySelector(`.speaker-controls-notes [data-note-step="${n}"]`)!).opacity, n);
  await page.bringToFront();
  await page.keyboard.press('ArrowRight');
  await expect.poll(parts, { timeout: 10_000 }).toEqual(['0:past', '1:current', '2:future']);
  await expect.poll(() => opacity(1)).toBe('1');
  expect(Number(await opacity(2))).toBeLessThan(1);
  await page.keyboard.press('ArrowRight');
  await expect.poll(parts, { timeout: 10_000 }).toEqual(['0:past', '1:past', '2:current']);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(parts, { timeout: 10_000 }).toEqual(['0:past', '1:current', '2:future']);
  await context.close();
});

test('the phone remote lights the notes of the presenter\'s step', async () => {
  const presenting = await startPresenting({ outDir: inject('distDir'), build: false, host: '127.0.0.1', port: 0, deck: 'example', log: () => {} });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const presenter = await context.newPage();
    await presenter.goto(presenting.localUrls.presenter);
    await presenter.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    const i = await slideOf(presenter, 'code-steps');
    await presenter.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), i);
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const remote = await phone.newPage();
    await remote.goto(presenting.localUrls.remote);
    const parts = () =>
      remote.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.r-notes [data-note-step]')].map((p) => `${p.dataset.noteStep}:${p.classList.contains('k-note-current') ? 'current' : 'other'}`),
      );
    await expect.poll(parts, { timeout: 10_000 }).toEqual(['0:current', '1:other', '2:other']);
    await remote.locator('button[data-action="next"]').tap();
    await expect.poll(parts, { timeout: 10_000 }).toEqual(['0:other', '1:current', '2:other']);
    // the presenter's own → moves the remote's notes too
    await presenter.keyboard.press('ArrowRight');
    await expect.poll(parts, { timeout: 10_000 }).toEqual(['0:other', '1:other', '2:current']);
    await remote.locator('button[data-action="prev"]').tap();
    await expect.poll(parts, { timeout: 10_000 }).toEqual(['0:other', '1:current', '2:other']);
    expect(await remote.locator('.r-notes').textContent()).not.toContain('[click]');
    await phone.close();
    await context.close();
  } finally {
    await presenting.close();
  }
});
