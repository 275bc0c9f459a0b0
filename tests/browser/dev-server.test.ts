import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDevServer, type DevServer } from '../../src/node/server/dev-server.js';
import { launchChromium } from './chromium.js';

let browser: Browser;
let dev: DevServer;
let slidesDir: string;
const logs: string[] = [];

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-dev-'));
  slidesDir = join(root, 'slides');
  cpSync('slides/example', join(slidesDir, 'example'), { recursive: true });
  dev = await startDevServer({ port: 0, slidesDir, outDir: join(root, 'dist'), log: (l) => logs.push(l) });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await dev?.close();
});

test('a save reloads the open page within a second; a broken file shows an overlay and the last good build stays', async () => {
  const page = await browser.newPage();
  await page.goto(`${dev.url}example/index.html`);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  await page.waitForFunction(() => document.documentElement.dataset.devServer === 'connected'); // a save before that would be missed
  const file = join(slidesDir, 'example/index.mdx');
  const original = readFileSync(file, 'utf8');

  const saved = Date.now();
  writeFileSync(file, original.replace('# Writing a kowakunai deck', '# Writing a kowakunai deck, edited'));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('edited'), null, { timeout: 30_000 });
  const reloadMs = Date.now() - saved;
  expect(reloadMs).toBeLessThan(3_000); // the target is < 1 s; the slack is for a busy CI machine

  writeFileSync(file, original.replace('## Two columns', '## Two columns\n\n<Columns>\n\n{oops'));
  const overlay = page.locator('#kowakunai-error');
  await overlay.waitFor({ timeout: 30_000 });
  expect(await overlay.textContent()).toMatch(/index\.mdx:\d+:\d+: error:/);
  expect(logs.join('\n')).toMatch(/index\.mdx:\d+:\d+: error:/);
  // the last good build is still served
  const again = await page.request.get(`${dev.url}example/index.html`);
  expect(await again.text()).toContain('edited');

  writeFileSync(file, original);
  await page.waitForFunction(() => !document.querySelector('#kowakunai-error') && !document.querySelector('h1')?.textContent?.includes('edited'), null, { timeout: 30_000 });
  await page.close();
});

test('a save that changes only slides swaps them in place: same slide, cells upgraded and runnable; new glyphs reload', async () => {
  const page = await browser.newPage();
  await page.goto(`${dev.url}example/index.html`);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  await page.waitForFunction(() => document.documentElement.dataset.devServer === 'connected'); // a save before that would be missed
  const at = await page.evaluate(() => {
    const k = (window as unknown as { kowakunai: { deck: { getSlides(): Element[]; slide(h: number): void } } }).kowakunai;
    const i = k.deck.getSlides().findIndex((s) => s.querySelector('live-cell'));
    k.deck.slide(i);
    (window as unknown as { samePage: boolean }).samePage = true;
    return i;
  });
  const file = join(slidesDir, 'example/index.mdx');
  const original = readFileSync(file, 'utf8');

  writeFileSync(file, original.replace('## A live cell, written in the slide', '## A live cell, written in the slide (swapped)'));
  await page.waitForFunction(() => [...document.querySelectorAll('h2')].some((h) => h.textContent?.includes('(swapped)')), null, { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { kowakunai: { deck: { getIndices(): { h: number } } } }).kowakunai.deck.getIndices().h)).toBe(at);
  const cell = page.locator('.slides > section').nth(at).locator('live-cell').first();
  await cell.locator('[data-action="run"]:not([disabled])').click();
  await expect.poll(() => cell.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');

  // a character the deck never used changes its font cut (the page's head): that needs a real reload
  writeFileSync(file, original.replace('## A live cell, written in the slide', '## A live cell, written in the slide 鬱'));
  await page.waitForFunction(() => [...document.querySelectorAll('h2')].some((h) => h.textContent?.includes('鬱')), null, { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBeUndefined();

  await page.waitForFunction(() => document.documentElement.dataset.devServer === 'connected'); // the reloaded page's stream
  writeFileSync(file, original);
  await page.waitForFunction(() => ![...document.querySelectorAll('h2')].some((h) => h.textContent?.includes('鬱')), null, { timeout: 30_000 });
  await page.close();
});

test('the dev page logs no console error, also once a cell has run in the sandbox frame', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${dev.url}example/index.html`);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  await page.waitForFunction(() => document.documentElement.dataset.devServer === 'connected');
  const at = await page.evaluate(() => {
    const k = (window as unknown as { kowakunai: { deck: { getSlides(): Element[]; slide(h: number): void } } }).kowakunai;
    const i = k.deck.getSlides().findIndex((s) => s.querySelector('live-cell'));
    k.deck.slide(i);
    return i;
  });
  const cell = page.locator('.slides > section').nth(at).locator('live-cell').first();
  await cell.locator('[data-action="run"]:not([disabled])').click();
  await expect.poll(() => cell.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
  // the sandbox page is served by the dev server too: it must not be given the reload script
  const sandbox = await page.request.get(`${dev.url}assets/sandbox.html`);
  expect(await sandbox.text()).not.toContain('/__kowakunai/dev-reload.js');
  expect(errors).toEqual([]);
  await page.close();
});
