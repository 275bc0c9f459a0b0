import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './chromium.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/**
 * Every text element of every slide, its colour and its effective background (translucent
 * layers composited up to the first opaque one), and the WCAG contrast ratio between them.
 */
async function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const n = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      if (c.startsWith('color(srgb')) return [n[0] * 255, n[1] * 255, n[2] * 255, n[3] ?? 1];
      return [n[0], n[1], n[2], n[3] ?? 1];
    };
    const over = (top: RGBA, under: RGBA): RGBA => {
      const a = top[3] + under[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      return [0, 1, 2].map((i) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a).concat(a) as RGBA;
    };
    const background = (el: Element | null): RGBA => {
      let acc: RGBA = [0, 0, 0, 0];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        acc = over(acc, bg);
        if (acc[3] >= 0.999) return acc;
      }
      return over(acc, [255, 255, 255, 1]);
    };
    const lum = ([r, g, b]: RGBA) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bad: string[] = [];
    for (const el of document.querySelectorAll('.slides section *')) {
      if (el.closest('svg, aside.notes, script, style')) continue;
      const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('').trim();
      if (!text) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || Number(style.opacity) < 0.5) continue;
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)}:1 "${text.slice(0, 40)}" (${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(',')}))`);
    }
    return bad;
  });
}

describe('accessibility', () => {
  for (const theme of ['light', 'dark']) {
    test(`text contrast meets WCAG AA in the ${theme} theme`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      for (const deck of ['example', 'asyncio-en']) {
        await page.goto(`${baseUrl}${deck}/index.html?theme=${theme}`);
        await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
        expect(await page.evaluate(() => document.documentElement.className)).toContain(`theme-${theme}`);
        expect(await lowContrast(page), deck).toEqual([]);
      }
      await page.close();
    });
  }

  test('every image and picture has a text alternative', async () => {
    const page = await browser.newPage();
    for (const deck of ['example', 'asyncio-en', 'asyncio-ja']) {
      await page.goto(`${baseUrl}${deck}/index.html`);
      const { pictures, missing } = await page.evaluate(() => {
        const images = [...document.querySelectorAll('.slides img')];
        const svgs = [...document.querySelectorAll('.slides section > svg, .slides section :not(svg) > svg')].filter((s) => !s.closest('live-cell'));
        return {
          pictures: images.length + svgs.length,
          missing: [
            ...images.filter((i) => !i.getAttribute('alt')?.trim()).map((i) => i.outerHTML.slice(0, 80)),
            ...svgs
              .filter((s) => !s.getAttribute('aria-label') && !s.querySelector('title') && s.getAttribute('aria-hidden') !== 'true')
              .map((s) => s.outerHTML.slice(0, 80)),
          ],
        };
      });
      // every deck has pictures: an empty selection would make this check pass by itself
      expect(pictures, deck).toBeGreaterThan(0);
      expect(missing, deck).toEqual([]);
    }
    await page.close();
  });

  test('keyboard only: Tab reaches a cell\'s Run button and Enter runs it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${baseUrl}example/index.html`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    // the example's first slide with a cell, wherever the deck has it now
    await page.evaluate(() => {
      const d = (window as any).kowakunai.deck;
      d.slide(d.getSlides().findIndex((s: HTMLElement) => s.querySelector('live-cell')));
    });
    let focused = '';
    for (let i = 0; i < 25 && focused !== 'run'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action ?? '');
    }
    expect(focused).toBe('run');
    await page.keyboard.press('Enter');
    const c = page.locator('section.present live-cell');
    await expect.poll(() => c.getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    await page.close();
  });

  test("a phone gets the reader (reflowed text); ?view=scroll still gives reveal's scroll view", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${baseUrl}example/index.html`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    expect(await page.evaluate(() => [(window as any).kowakunai.reader, (window as any).kowakunai.deck])).toEqual([true, null]);
    expect(await page.evaluate(() => document.documentElement.classList.contains('k-reader'))).toBe(true);
    await page.goto(`${baseUrl}example/index.html?view=scroll`);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    expect(await page.evaluate(() => (window as any).kowakunai.deck.isScrollView())).toBe(true);
    await page.close();
  });
});
