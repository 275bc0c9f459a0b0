import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  /** every request whose host is not localhost */
  offsite: string[];
}

/** A fresh page that records console errors and any request that leaves localhost. */
export async function openPage(browser: Browser, url: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const offsite: string[] = [];
  // the rate-limited slow API refuses on purpose (Appendix A's first run): that 429 is the demo, not an error
  const onPurpose = (status: number, url: string) => status === 429 && /[?&]rate_limit=1\b/.test(url);
  page.on('console', (m) => m.type() === 'error' && !/status of 429\b/.test(m.text()) && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (r) => r.status() >= 400 && !onPurpose(r.status(), r.url()) && consoleErrors.push(`HTTP ${r.status()} ${r.url()}`));
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return;
    if (!['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) offsite.push(r.url());
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready') || !!document.querySelector('.handout'));
  return { page, context, consoleErrors, offsite };
}

/** The <live-cell> with this id. */
export const cellLocator = (page: Page, id: string) => page.locator(`live-cell[data-cell-id="${id}"]`);

/** Shows the slide that holds the cell; returns that slide's index. */
export async function goToCell(page: Page, id: string): Promise<number> {
  const index = await page.evaluate((id) => {
    const d = (window as any).kowakunai.deck;
    return d.getSlides().findIndex((s: HTMLElement) => s.querySelector(`live-cell[data-cell-id="${id}"]`)) as number;
  }, id);
  await page.evaluate((i) => (window as any).kowakunai.deck.slide(i), index);
  return index;
}

/** Index of a slide of the kind a test needs, found in the deck rather than hard-coded (decks change). */
export const slideWhere = (page: Page, want: 'step' | 'step-later-in-section' | 'plain') =>
  page.evaluate((want) => {
    const slides = (window as unknown as { kowakunai: { deck: { getSlides(): HTMLElement[] } } }).kowakunai.deck.getSlides();
    const steps = (s: HTMLElement | undefined) => !!s && s.querySelectorAll('.fragment').length > 0;
    const rank = (s: HTMLElement) => slides.filter((x) => x.dataset.section === s.dataset.section).indexOf(s);
    const i = slides.findIndex((s, i) =>
      want === 'plain' ? i > 0 && !!slides[i + 1] && !steps(s) && !steps(slides[i - 1]) && !steps(slides[i + 1]) : steps(s) && (want === 'step' || rank(s) > 0),
    );
    if (i < 0) throw new Error(`no ${want} slide in this deck`);
    return i;
  }, want);

/**
 * Dedicated workers alive in the page's own browser context, by title and URL: the sandbox's cell, Pyodide and
 * thread workers (the sandbox frame may live in a process of its own). CDP lists every target of the browser, so
 * workers of other contexts (another test's page, the bench's earlier pages) are filtered out.
 */
export async function workersOf(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  type Info = { type: string; title: string; url: string; browserContextId?: string };
  const { targetInfo: own } = (await cdp.send('Target.getTargetInfo')) as { targetInfo: Info };
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Info[] };
  await cdp.detach();
  return targetInfos
    .filter((t) => t.type === 'worker' && t.browserContextId === own.browserContextId)
    .map((t) => `${t.title} ${t.url.slice(0, 40)}`);
}

export async function workerCount(page: Page): Promise<number> {
  return (await workersOf(page)).length;
}
