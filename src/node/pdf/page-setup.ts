import type { Browser, Page } from 'playwright-core';

/** Limits for one page's load and layout; a deck that needs longer is stuck, not slow. */
export const TIMEOUT_MS = 60_000;

/**
 * Waits until what is printed is final: web fonts used by the text (Noto Sans JP subsets are chosen
 * by unicode-range, so they load only once laid-out text needs them) and every image decoded.
 */
export async function settle(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    // two frames: layout has run, so the font loads the text needs have started
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await document.fonts.ready;
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    await document.fonts.ready;
    // lay code out once more with every face in (src/shared/font-refresh.ts: Chromium keeps early fallbacks)
    document.documentElement.classList.toggle('k-fonts-relaid');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return [...document.fonts].filter((f) => f.status === 'error').map((f) => `${f.family} ${f.weight} ${f.unicodeRange}`);
  });
}

/** A page of its own context; `scale` is the device pixel ratio (1.5 makes a 1280×720 slide 1920×1080 pixels). */
export async function newPage(browser: Browser, viewport: { width: number; height: number }, scale = 1): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  // a page error while printing is worth knowing, but it must not stop the export
  page.on('pageerror', (e) => process.emitWarning(`${page.url()}: ${e.message}`, 'PageError'));
  return page;
}
