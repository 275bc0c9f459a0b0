import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';
import { openPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
const distDir = inject('distDir');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe('the built example deck', () => {
  test('boots, shows all its slides, and arrow keys move with the hash following', async () => {
    const { page, context, consoleErrors, offsite } = await openPage(browser, `${baseUrl}example/index.html`);
    const html = readFileSync(join(distDir, 'example/index.html'), 'utf8');
    const slidesInHtml = (html.match(/<section data-slide=/g) ?? []).length;
    expect(slidesInHtml).toBeGreaterThanOrEqual(7);
    expect(await page.evaluate(() => (window as any).kowakunai.deck.getTotalSlides())).toBe(slidesInHtml);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.locator('.slides > section.present h1').textContent()).toContain('Writing a kowakunai deck');

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/1');
    expect(await page.locator('.slides > section.present h2').textContent()).toBe('A deck is a folder');
    // the third slide has three steps: → reveals them one by one before moving on
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/2');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.slides > section.present .fragment.visible').count()).toBe(1);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/1');

    // a deep link opens its slide
    await page.goto(`${baseUrl}example/index.html#/4`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    expect(await page.locator('.slides > section.present h2').textContent()).toContain('Code, highlighted');

    expect(consoleErrors).toEqual([]);
    expect(offsite).toEqual([]);
    await context.close();
  });

  test('overview, search, zoom and slide numbers are there for the presenter', async () => {
    const { page, context, consoleErrors } = await openPage(browser, `${baseUrl}example/index.html#/1`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => (window as any).kowakunai.deck.isOverview())).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => (window as any).kowakunai.deck.isOverview())).toBe(false);
    // fetched once the page is idle (src/page/lazy-plugins.ts)
    await expect.poll(() => page.evaluate(() => ['notes', 'search', 'zoom'].map((p) => (window as any).kowakunai.deck.hasPlugin(p)))).toEqual([true, true, true]);
    await page.keyboard.press('Control+Shift+F');
    await page.locator('.searchbox input').fill('columns');
    await page.locator('.searchbox input').press('Enter');
    await expect.poll(() => page.locator('.slides > section.present h2').textContent()).toBe('Two columns');
    const total = await page.evaluate(() => (window as any).kowakunai.deck.getTotalSlides());
    expect(await page.locator('.slide-number').textContent()).toMatch(new RegExp(`^\\s*4\\s*/\\s*${total}\\s*$`));
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  test('every slide carries its notes for the speaker view', async () => {
    const { page, context } = await openPage(browser, `${baseUrl}example/index.html`);
    const notes = await page.evaluate(() => {
      const d = (window as any).kowakunai.deck;
      return d.getSlides().map((s: HTMLElement) => d.getSlideNotes(s) as string);
    });
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(n.trim().length).toBeGreaterThan(10);
    expect(notes[0]).toContain('speaker view');
    await context.close();
  });

  test('the slides are readable with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}example/index.html`);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Writing a kowakunai deck');
    expect(text).toContain('Two columns');
    expect(await page.locator('section[data-slide="5"] h2').isVisible()).toBe(true);
    await context.close();
  });

  test('the index lists the decks with relative links', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const offsite: string[] = [];
    page.on('request', (r) => !new URL(r.url()).hostname.match(/^(localhost|127\.0\.0\.1)$/) && offsite.push(r.url()));
    await page.goto(`${baseUrl}index.html`);
    const links = await page.locator('li[data-deck] h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('example/index.html');
    for (const href of links) expect(href).not.toMatch(/^(\/|https?:)/);
    expect(offsite).toEqual([]);
    await context.close();
  });
});
