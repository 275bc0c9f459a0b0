/**
 * A deck's print view (`?print-pdf`, reveal.js lays every slide out as a page) opened for an export, with what
 * each page shows: which slide and step, its section, title, text and notes. The PDF, the PNGs and the PPTX are
 * all made from it, so they show the same slides in the same state.
 */
import type { Browser, Page } from 'playwright-core';
import { penStorageKey, SLIDE_HEIGHT, SLIDE_WIDTH, type Drawings } from '../../shared/pen.js';
import { newPage, settle, TIMEOUT_MS } from './page-setup.js';

export interface PrintedPage {
  /** the slide's number in the deck (1-based) */
  slide: number;
  /** the step of the slide this page shows (0-based; always 0 without --steps) */
  step: number;
  section: string;
  /** the slide's first heading, else the start of its text */
  title: string;
  text: string;
  notes: string;
}

export interface PrintViewOptions {
  /** one page per step (fragment) instead of one per slide */
  steps?: boolean;
  /** device pixel ratio: 1.5 for 1920×1080 images */
  scale?: number;
  /** strokes to draw on the slides (a file saved from the pen), for the deck `deck` */
  drawings?: { deck: string; drawings: Drawings };
}

export interface PrintView {
  page: Page;
  pages: PrintedPage[];
  fontErrors: string[];
  close(): Promise<void>;
}

export async function openPrintView(browser: Browser, deckUrl: string, opts: PrintViewOptions = {}): Promise<PrintView> {
  // wide enough for a whole page (reveal.js adds its margin around the 1280×720 slide)
  const page = await newPage(browser, { width: 1400, height: 800 }, opts.scale ?? 1);
  try {
    if (opts.drawings) {
      await page.addInitScript(([key, json]) => localStorage.setItem(key, json), [penStorageKey(opts.drawings.deck), JSON.stringify(opts.drawings.drawings)] as const);
    }
    await page.goto(`${deckUrl}index.html?print-pdf${opts.steps ? '&steps' : ''}`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.waitForSelector('html.reveal-print .pdf-page', { state: 'attached' });
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    const fontErrors = await settle(page);
    const pages = await page.evaluate(describePages);
    return { page, pages, fontErrors, close: () => page.context().close() };
  } catch (error) {
    await page.context().close();
    throw error;
  }
}

/** Runs in the page (serialised by playwright: no closures, no helpers). */
function describePages(): PrintedPage[] {
  const seen = new Map<number, number>();
  return [...document.querySelectorAll<HTMLElement>('.reveal .pdf-page')].map((p) => {
    const s = p.querySelector<HTMLElement>('section[data-slide]')!;
    const slide = Number(s.dataset.slide);
    const step = seen.get(slide) ?? 0;
    seen.set(slide, step + 1);
    // the notes are hidden, so there is no laid-out text to read: one line per paragraph or item, as written
    const aside = s.querySelector<HTMLElement>('aside.notes');
    const blocks = aside ? [...aside.querySelectorAll('p, li, pre')].filter((b) => !b.parentElement?.closest('p, li, pre')) : [];
    const notes = (blocks.length ? blocks.map((b) => b.textContent!.replace(/\s+/g, ' ').trim()).join('\n') : (aside?.textContent ?? '')).trim();
    // innerText: what is shown (the notes are hidden), laid out in lines
    const text = (s.innerText || '').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
    const heading = s.querySelector('h1, h2, h3')?.textContent?.trim();
    const title = heading || text.split('\n')[0].slice(0, 80) || `Slide ${slide}`;
    return { slide, step, section: s.dataset.section ?? '', title, text, notes };
  });
}

/** Leaves only the pages at these indices in the print view (printed and measured as if they were all). */
export async function keepPages(page: Page, keep: number[]): Promise<void> {
  await page.evaluate((indices) => {
    const wanted = new Set(indices);
    const pages = [...document.querySelectorAll<HTMLElement>('.reveal .pdf-page')];
    pages.forEach((p, i) => {
      if (!wanted.has(i)) p.style.display = 'none';
    });
    // reveal.js breaks after every page but its last: a range that stops before the deck's end would end on a
    // blank page
    const last = pages.filter((_, i) => wanted.has(i)).at(-1);
    if (last) last.style.breakAfter = 'avoid';
  }, keep);
}

/**
 * One page as a PNG of `width`×`height` device pixels: the slide in the middle with the margin the screen shows
 * around it (the slides are designed to their box's edges), the view's scale chosen to make that box that size.
 */
export async function screenshotPage(page: Page, index: number, scale: number, width = 1920, height = 1080): Promise<Buffer> {
  const box = await page.evaluate((i) => {
    const p = document.querySelectorAll<HTMLElement>('.reveal .pdf-page')[i];
    const s = p.querySelector<HTMLElement>('section[data-slide]')!.getBoundingClientRect();
    return { x: s.left + scrollX, y: s.top + scrollY };
  }, index);
  // whole CSS pixels: a fractional clip loses a device pixel row to rounding
  const w = Math.round(width / scale);
  const h = Math.round(height / scale);
  const clip = { x: Math.round(box.x - (w - SLIDE_WIDTH) / 2), y: Math.round(box.y - (h - SLIDE_HEIGHT) / 2), width: w, height: h };
  // in the document's coordinates: the margin above the first slide is outside the viewport's scroll range
  return page.screenshot({ clip, fullPage: true, animations: 'disabled' });
}
