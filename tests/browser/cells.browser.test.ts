/**
 * The page side of live cells: what loads when, editing, keys versus reveal.js, saved edits, compile
 * errors, Reset and the speaker view. (Run timings and the sandbox are covered by cells.test.ts.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';
import { cellLocator, goToCell, openPage, type WatchedPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
const deckUrl = `${baseUrl}cells-lab/index.html`;
let browser: Browser;
let lab: WatchedPage;
const requests: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  lab = await openPage(browser, deckUrl);
  lab.context.on('request', (r) => requests.push(new URL(r.url()).pathname));
});
afterAll(async () => {
  await lab?.context.close();
  await browser?.close();
});

const cell = cellLocator;
const slideIndex = (page: Page) => page.evaluate(() => (window as any).kowakunai.deck.getIndices().h as number);

const goTo = goToCell;

async function settle(page: Page, id: string, timeout = 30_000) {
  await expect.poll(() => cell(page, id).getAttribute('data-state'), { timeout, interval: 100 }).not.toBe('running');
  return cell(page, id).getAttribute('data-state');
}

describe('cells in the page', () => {
  test('nothing heavy loads before it is needed', async () => {
    const { page } = lab;
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    expect(loaded.filter((p) => /editor|compiler-worker|esbuild\.wasm|sandbox\.html/.test(p))).toEqual([]);
    expect(await page.locator('iframe').count()).toBe(0);
    // the static cell is upgraded: buttons work
    expect(await cell(page, 'throws').locator('[data-action="run"]').isEnabled()).toBe(true);
  });

  test('typing in the editor stays in the cell; Escape gives the keys back to the deck', async () => {
    const { page } = lab;
    const slide = await goTo(page, 'throws');
    const c = cell(page, 'throws');
    await c.locator('[data-role="code"] .line').first().click();
    await page.waitForSelector('live-cell[data-cell-id="throws"] .cm-editor');
    expect(requests.some((p) => /\/chunks\/editor-/.test(p))).toBe(true);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nprint("more") ');
    for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'PageDown', 'Space']) await page.keyboard.press(key);
    expect(await slideIndex(page)).toBe(slide);
    expect(await c.getAttribute('data-modified')).not.toBeNull();
    expect(await c.locator('[data-role="modified"]').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('LIVE-CELL');
    expect(await page.evaluate(() => (window as any).kowakunai.deck.isOverview())).toBe(false);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slideIndex(page)).toBe(slide + 1);
    await goTo(page, 'throws');
  });

  test('an edit survives a reload and runs compiled in the page; Reset brings the original back', async () => {
    const { page } = lab;
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('kowakunai:cells-lab:throws')), { timeout: 5_000 })
      .toContain('print(\\"more\\")');
    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    await goTo(page, 'throws');
    const c = cell(page, 'throws');
    expect(await c.getAttribute('data-modified')).not.toBeNull();
    expect(await c.locator('[data-role="code"]').textContent()).toContain('print("more")');

    // a compile error: at its line and column, in the error region and in the editor
    await c.locator('[data-role="code"]').click();
    await page.waitForSelector('live-cell[data-cell-id="throws"] .cm-editor');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nconst x: number = ;');
    await page.keyboard.press('Control+Enter');
    expect(await settle(page, 'throws')).toBe('error');
    expect(await c.locator('[data-role="error"]').textContent()).toMatch(/^line 6, column \d+: /);
    await expect.poll(() => c.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);

    // fixed (undo), the edited code runs: esbuild-wasm compiled it in the page
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+Enter');
    expect(await settle(page, 'throws')).toBe('error'); // the cell throws on purpose
    expect(await c.locator('[data-role="output"]').textContent()).toContain('about to fail');
    expect(await c.locator('[data-role="error"]').textContent()).toContain('boom');

    await c.locator('[data-action="reset"]').click();
    expect(await c.getAttribute('data-state')).toBe('idle');
    expect(await c.getAttribute('data-modified')).toBeNull();
    expect(await c.locator('[data-role="badge"]').isVisible()).toBe(true);
    expect(await c.locator('pre.shiki').count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('kowakunai:cells-lab:throws'))).toBeNull();
  });

  test('the speaker view shows recorded results and never runs a cell', async () => {
    const speaker = await openPage(browser, `${deckUrl}?receiver`);
    try {
      const { page } = speaker;
      const c = cell(page, 'tasks');
      expect(await c.getAttribute('data-speaker')).not.toBeNull();
      expect(await c.locator('[data-action="run"]').isDisabled()).toBe(true);
      await c.locator('[data-role="code"]').dispatchEvent('pointerdown');
      await c.locator('[data-role="code"]').focus();
      await page.keyboard.press('Control+Enter');
      await page.waitForTimeout(300);
      expect(await c.getAttribute('data-state')).toBe('idle');
      expect(await page.locator('iframe, .cm-editor').count()).toBe(0);
      expect(await c.locator('[data-role="timeline"] svg').count()).toBe(1);
    } finally {
      await speaker.context.close();
    }
  });

  test('no console errors', () => {
    expect(lab.consoleErrors.filter((e) => !/boom|Uncaught/.test(e))).toEqual([]);
  });
});
