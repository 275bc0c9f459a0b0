import type { Browser, Page } from 'playwright-core';

/** A printed PDF and what the page said about itself while printing. */
export interface PrintedPdf {
  pdf: Buffer;
  /** slides in the deck: the page count we expect */
  slides: number;
  /** fonts the page asked for and could not load (the PDF would fall back to another face) */
  fontErrors: string[];
}

/** CSS px per mm at the 96 dpi Chromium prints at. */
const PX_PER_MM = 96 / 25.4;
/** Limits for one page's load and layout; a deck that needs longer is stuck, not slow. */
const TIMEOUT_MS = 60_000;

/**
 * Waits until what is printed is final: web fonts used by the text (Noto Sans JP subsets are chosen
 * by unicode-range, so they load only once laid-out text needs them) and every image decoded.
 */
async function settle(page: Page): Promise<string[]> {
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

async function newPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  // a page error while printing is worth knowing, but it must not stop the export
  page.on('pageerror', (e) => process.emitWarning(`${page.url()}: ${e.message}`, 'PageError'));
  return page;
}

/**
 * The slides PDF: reveal.js's own print view (`?print-pdf`), one page per slide with fragments in
 * their final state (reveal-config.ts sets pdfSeparateFragments: false, pdfMaxPagesPerSlide: 1), the
 * page size reveal.js computes from the 1280×720 slide.
 */
export async function printSlides(browser: Browser, deckUrl: string): Promise<PrintedPdf> {
  const page = await newPage(browser, { width: 1280, height: 720 });
  try {
    await page.goto(`${deckUrl}index.html?print-pdf`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.waitForSelector('html.reveal-print .pdf-page', { state: 'attached' });
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    const fontErrors = await settle(page);
    const slides = await page.evaluate(() => document.querySelectorAll('.reveal .slides section[data-slide]').length);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    return { pdf, slides, fontErrors };
  } finally {
    await page.context().close();
  }
}

/**
 * The handout PDF: dist/<deck>/handout.html printed on A4, one page per slide. An article taller
 * than the printable area (long notes, a long cell) is zoomed down to fit when MIN_ZOOM or more
 * is enough; a longer one keeps its size and continues on the next page rather than becoming
 * unreadable. So: pages = slides, plus one or more for each slide that needs more than 1/MIN_ZOOM pages.
 */
export async function printHandout(browser: Browser, deckUrl: string): Promise<PrintedPdf> {
  // lay the page out at the printable width of A4 (handout.css: 210 mm − 2 × 12 mm margins)
  const page = await newPage(browser, { width: Math.floor(186 * PX_PER_MM), height: Math.floor(273 * PX_PER_MM) });
  try {
    await page.goto(`${deckUrl}handout.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.emulateMedia({ media: 'print' });
    const fontErrors = await settle(page);
    const slides = await page.evaluate(fitArticlesToPages, { minZoom: MIN_ZOOM });
    await settle(page);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    return { pdf, slides, fontErrors };
  } finally {
    await page.context().close();
  }
}

export const MIN_ZOOM = 0.7;

/**
 * Runs in the page (serialised by playwright: no closures, no helpers): shrinks each handout
 * article that would not fit on one page and would at MIN_ZOOM; returns the article count.
 */
function fitArticlesToPages({ minZoom }: { minZoom: number }): number {
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;visibility:hidden;height:var(--handout-printable-height, 273mm)';
  document.body.append(probe);
  // a little slack: Chromium's page breaking rounds to device pixels
  const limit = probe.getBoundingClientRect().height - 4;
  probe.remove();
  const articles = [...document.querySelectorAll<HTMLElement>('.handout-page')];
  for (const article of articles) {
    const height = article.getBoundingClientRect().height;
    const zoom = Math.floor((limit / height) * 1000) / 1000;
    if (zoom < 1 && zoom >= minZoom) article.style.zoom = String(zoom);
  }
  return articles.length;
}
