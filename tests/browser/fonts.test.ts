/**
 * Fonts cut to the deck's own glyphs: what a reader's browser fetches, and whether any character of the
 * deck would be drawn by a font other than the shipped Noto Sans JP (or the system's, for characters the
 * full Noto Sans JP lacks — the fallback the README states).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { fontCodePoints, fullFontCodePoints } from '../../src/node/pipeline/font-subset.js';
import { launchChromium } from './chromium.js';

const baseUrl = inject('baseUrl');
const distDir = inject('distDir');
const DECKS = ['asyncio-ja', 'asyncio-en', 'example'];
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** The font files a page's inline @font-face rules name, as URLs relative to the site root. */
function declaredFonts(deck: string, page = 'index.html'): { css: string; files: string[] } {
  const html = readFileSync(join(distDir, deck, page), 'utf8');
  const css = [...html.matchAll(/<style>([^<]*@font-face[^<]*)<\/style>/g)].map((m) => m[1]).join('');
  const files = [...css.matchAll(/url\(\.\.\/(assets\/fonts\/[^)]+\.woff2)\)/g)].map((m) => m[1]);
  return { css, files };
}

/** Every character a reader can meet on the page: slides, notes, cell code and recorded output. */
async function pageText(url: string): Promise<string> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const text = await page.evaluate(() => document.title + document.body.textContent);
  await page.close();
  return text;
}

describe('each deck ships its own cut of Noto Sans JP', () => {
  test.each(DECKS)('%s: one woff2 per weight, a font CSS under 2 KB, the same set for the handout', (deck) => {
    const { css, files } = declaredFonts(deck);
    expect(files.length).toBe(2);
    expect(new Set(css.match(/font-weight:\d+/g))).toEqual(new Set(['font-weight:400', 'font-weight:700']));
    expect(Buffer.byteLength(css)).toBeLessThan(2048);
    expect(declaredFonts(deck, 'handout.html').files).toEqual(files);
    // no stylesheet of font slices any more
    expect(readFileSync(join(distDir, deck, 'index.html'), 'utf8')).not.toContain('fonts.css');
  });

  test.each(DECKS)('%s: every character of the deck and its handout is in each shipped weight, or not in Noto Sans JP at all', async (deck) => {
    const full = await fullFontCodePoints();
    const text = (await pageText(`${baseUrl}${deck}/index.html`)) + (await pageText(`${baseUrl}${deck}/handout.html`));
    const chars = new Set([...text].filter((c) => !/\s/.test(c)));
    expect(chars.size).toBeGreaterThan(60);
    for (const file of declaredFonts(deck).files) {
      const shipped = await fontCodePoints(readFileSync(join(distDir, file)));
      const missing = [...chars].filter((c) => !shipped.has(c.codePointAt(0)!) && full.has(c.codePointAt(0)!));
      expect(missing, `${deck}: ${file} lacks`).toEqual([]);
    }
  });

  test('the Japanese deck carries its kanji; the English deck does not carry the Japanese deck\'s', async () => {
    const ja = await fontCodePoints(readFileSync(join(distDir, declaredFonts('asyncio-ja').files[0])));
    const en = await fontCodePoints(readFileSync(join(distDir, declaredFonts('asyncio-en').files[0])));
    // on slides of the Japanese talk only (行 is not: the page's own labels use it)
    for (const c of '並処理店員注文') {
      expect(ja.has(c.codePointAt(0)!)).toBe(true);
      expect(en.has(c.codePointAt(0)!)).toBe(false);
    }
  });
});

describe('what a first page fetches', () => {
  test.each(['asyncio-ja', 'asyncio-en'])('%s: only font files of its own set, at most 4 and 250 KB', async (deck) => {
    const own = new Set(declaredFonts(deck).files.map((f) => new URL(f, baseUrl).href));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const fonts: { url: string; bytes: number }[] = [];
    page.on('requestfinished', (r) => {
      if (r.resourceType() === 'font' || /\.(woff2?|ttf|otf)$|fonts?\.css/.test(r.url())) {
        void r.sizes().then((s) => fonts.push({ url: r.url(), bytes: s.responseBodySize }));
      }
    });
    await page.goto(`${baseUrl}${deck}/index.html`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForLoadState('networkidle');
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(own, `${f.url} is not one of ${deck}'s fonts`).toContain(f.url);
    expect(fonts.length).toBeLessThanOrEqual(4);
    expect(fonts.reduce((n, f) => n + f.bytes, 0)).toBeLessThanOrEqual(250 * 1024);
    await page.close();
  });
});
