import type { Browser } from 'playwright-core';
import { newPage, settle, TIMEOUT_MS } from './page-setup.js';
import { addOutline, outlineOf } from './pdf-outline.js';
import { keepPages, openPrintView, type PrintedPage, type PrintViewOptions } from './print-view.js';

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

/**
 * The slides PDF: reveal.js's own print view (`?print-pdf`), one page per slide with fragments in their final
 * state (or one per step), the page size reveal.js computes from the 1280×720 slide, bookmarks by section.
 */
export async function printSlides(browser: Browser, deckUrl: string, opts: SlidesPdfOptions = {}): Promise<PrintedPdf & { pages: PrintedPage[] }> {
  const view = await openPrintView(browser, deckUrl, opts);
  try {
    const keep = opts.keep ? opts.keep(view.pages) : view.pages.map((_, i) => i);
    if (keep.length < view.pages.length) await keepPages(view.page, keep);
    const pages = keep.map((i) => view.pages[i]);
    const printed = await view.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true });
    const pdf = await addOutline(printed, outlineOf(pages));
    return { pdf, slides: new Set(view.pages.map((p) => p.slide)).size, fontErrors: view.fontErrors, pages };
  } finally {
    await view.close();
  }
}

export interface SlidesPdfOptions extends PrintViewOptions {
  /** which of the print view's pages to print (indices); default all */
  keep?: (pages: PrintedPage[]) => number[];
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
