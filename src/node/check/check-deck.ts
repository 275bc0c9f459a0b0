/**
 * The fit check: opens a built deck in Chromium at 1280×720 and visits every slide with every step
 * shown and every twin pane (Python / TypeScript) in turn, in the live view and in `?print-pdf`,
 * optionally after running each cell. What it finds is what a person at the back of the room, or
 * a reader of the PDF, would see: content past the slide's edge, and boxes that cut their content.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PACKAGED, prebuilt } from '../paths.js';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { FitProblem } from '../../page/fit-probe.js';

export type FitView = 'live' | 'print' | 'run' | 'handout';

export interface SlideProblem extends FitProblem {
  deck: string;
  view: FitView;
  /** 1-based, as the slide number on screen */
  slide: number;
  /** the twin pane shown when the problem was seen ("python", "ts"), if the slide has twins */
  pane?: string;
}

export interface CheckOptions {
  /**
   * live: the deck as presented; print: `?print-pdf` (what the slides PDF prints); run: live, after running each
   * cell; handout: handout.html laid out as the handout PDF prints it (A4, print media)
   */
  views?: FitView[];
  /** progress lines; default none */
  log?: (line: string) => void;
}

let probeScript: string | undefined;

/** The probe (src/page/fit-probe.ts) as one classic script defining `__kowakunaiFit`. */
export function probe(): string {
  if (PACKAGED) probeScript ??= readFileSync(prebuilt('fit-probe.js'), 'utf8');
  probeScript ??= esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL('../../page/fit-probe.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__kowakunaiFit',
    // page.evaluate runs the script in a function scope: publish the probe explicitly
    footer: { js: 'globalThis.__kowakunaiFit = __kowakunaiFit;' },
    target: 'chrome120',
  }).outputFiles[0].text;
  return probeScript;
}

type ProbeWindow = Window & {
  __kowakunaiFit: typeof import('../../page/fit-probe.js');
  kowakunai: { deck: import('reveal.js').RevealApi; twins?: { panes(slide: Element): string[]; show(slide: Element, lang: string): void } };
};

async function openDeck(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.evaluate(probe());
  return page;
}

/** Two frames: the layout (and the page's own fitting of code and output) has settled. */
const settle = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Runs every cell on the current slide (its visible pane) and waits for each to end. */
async function runCellsOnSlide(page: Page): Promise<void> {
  const ids = await page.evaluate(() =>
    [...document.querySelectorAll('.reveal .slides > section.present live-cell')]
      .filter((c) => c.getClientRects().length > 0)
      .map((c) => c.getAttribute('data-cell-id')!),
  );
  for (const id of ids) {
    const cell = page.locator(`.reveal .slides > section.present live-cell[data-cell-id="${id}"]`);
    const runsBefore = Number((await cell.getAttribute('data-runs')) ?? 0);
    await cell.locator('[data-action="run"]').click();
    await page.waitForFunction(
      ({ id, runsBefore }) => {
        const c = document.querySelector(`.reveal .slides > section.present live-cell[data-cell-id="${id}"]`) as HTMLElement | null;
        return !!c && Number(c.dataset.runs ?? 0) > runsBefore && c.dataset.state !== 'running';
      },
      { id, runsBefore },
      { timeout: 120_000 },
    );
  }
}

async function checkLive(page: Page, deck: string, view: 'live' | 'run'): Promise<SlideProblem[]> {
  const total = await page.evaluate(() => {
    const { deck } = (window as unknown as ProbeWindow).kowakunai;
    // no fade between slides: the check looks at each slide at rest
    deck.configure({ transition: 'none', backgroundTransition: 'none' });
    return deck.getTotalSlides();
  });
  const problems: SlideProblem[] = [];
  for (let i = 0; i < total; i++) {
    const panes = await page.evaluate((i) => {
      const w = window as unknown as ProbeWindow;
      w.kowakunai.deck.slide(i);
      while (w.kowakunai.deck.nextFragment()) {
        // every step shown
      }
      return w.kowakunai.twins?.panes(w.kowakunai.deck.getCurrentSlide()) ?? [];
    }, i);
    for (const pane of panes.length > 0 ? panes : [undefined]) {
      if (pane) await page.evaluate((lang) => {
        const w = window as unknown as ProbeWindow;
        w.kowakunai.twins!.show(w.kowakunai.deck.getCurrentSlide(), lang);
      }, pane);
      if (view === 'run') await runCellsOnSlide(page);
      await settle(page);
      const found = await page.evaluate(() => (window as unknown as ProbeWindow).__kowakunaiFit.checkCurrentSlide());
      problems.push(...found.map((p) => ({ ...p, deck, view, slide: i + 1, pane })));
    }
    // leave the deck as a presenter expects it: the first pane of each frame
    if (panes.length > 1) await page.evaluate((lang) => {
      const w = window as unknown as ProbeWindow;
      w.kowakunai.twins!.show(w.kowakunai.deck.getCurrentSlide(), lang);
    }, panes[0]);
  }
  return problems;
}

/** A4's printable width and height (handout.css: 210 × 297 mm less 12 mm margins), in CSS px. */
const A4_PRINTABLE = { width: Math.floor((186 * 96) / 25.4), height: Math.floor((273 * 96) / 25.4) };

async function checkHandout(browser: Browser, deckUrl: string, deck: string): Promise<SlideProblem[]> {
  const context = await browser.newContext({ viewport: A4_PRINTABLE, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    page.setDefaultTimeout(60_000);
    await page.goto(`${deckUrl}handout.html`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.evaluate(probe());
    await settle(page);
    const slides = await page.evaluate(() => (window as unknown as ProbeWindow).__kowakunaiFit.checkHandout());
    return slides.flatMap((s) => s.problems.map((p) => ({ ...p, deck, view: 'handout' as const, slide: s.slide })));
  } finally {
    await context.close();
  }
}

async function checkPrint(page: Page, deck: string): Promise<SlideProblem[]> {
  await page.waitForSelector('html.reveal-print .pdf-page', { state: 'attached' });
  await settle(page);
  const slides = await page.evaluate(() => (window as unknown as ProbeWindow).__kowakunaiFit.checkPrintView());
  return slides.flatMap((s) => s.problems.map((p) => ({ ...p, deck, view: 'print' as const, slide: s.slide })));
}

const VIEW_NAMES: Record<FitView, string> = {
  live: 'live view',
  print: 'print view (?print-pdf)',
  run: 'live view, running every cell',
  handout: 'handout (handout.html on A4)',
};

/** Checks one deck (`deckUrl` ends with the deck's folder and a slash); returns every problem found. */
export async function checkDeckFit(browser: Browser, deckUrl: string, deck: string, opts: CheckOptions = {}): Promise<SlideProblem[]> {
  const views = opts.views ?? ['live', 'print', 'handout'];
  const problems: SlideProblem[] = [];
  for (const view of views) {
    opts.log?.(`  ${deck}: ${VIEW_NAMES[view]}`);
    if (view === 'handout') {
      problems.push(...(await checkHandout(browser, deckUrl, deck)));
      continue;
    }
    const page = await openDeck(browser, `${deckUrl}index.html${view === 'print' ? '?print-pdf' : ''}`);
    try {
      problems.push(...(view === 'print' ? await checkPrint(page, deck) : await checkLive(page, deck, view)));
    } finally {
      await page.context().close();
    }
  }
  return problems;
}

/** One line per problem: `asyncio-ja slide 30 [live, python]: live-cell "x" code: 206 px past the bottom edge`. */
export function formatProblem(p: SlideProblem): string {
  const where = [p.view, p.pane].filter(Boolean).join(', ');
  return `${p.deck} slide ${p.slide} [${where}]: ${p.element}: ${p.kind === 'spill' ? 'spills, ' : 'cut, '}${p.detail}`;
}
