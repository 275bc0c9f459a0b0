/**
 * `kowakunai export`: the built decks as PNGs (one per slide or step, 1920×1080), a PPTX, or a PDF with
 * bookmarks, made from the print view in a local Chromium. One deck after another, one page at a time:
 * the machine may have two cores.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { DrawingsFile } from '../../shared/pen.js';
import { writeFileAtomic } from '../atomic-write.js';
import { UsageError } from '../cli/verb.js';
import { findBrowser, launchBrowser, type BrowserLookup } from '../pdf/browser.js';
import { printSlides } from '../pdf/export-deck.js';
import { ensureWritableDir } from '../pdf/output-dir.js';
import { openPrintView, screenshotPage, type PrintedPage } from '../pdf/print-view.js';
import { serveSite } from '../pdf/serve.js';
import { ofTotal, type ProgressSink } from '../progress.js';
import { writePptx } from './pptx.js';
import { slidesIn, type SlideRange } from './range.js';

export type ExportFormat = 'png' | 'pptx' | 'pdf';
export const EXPORT_FORMATS: ExportFormat[] = ['png', 'pptx', 'pdf'];

/**
 * 1920×1080 images of the 1280×720 slide with a margin around it, as the screen shows it (reveal-config.ts has
 * 4 %): 1344×756 CSS pixels, whole numbers at this scale both ways
 */
export const PNG_SCALE = 1920 / 1344;

export interface ExportDecksOptions {
  /** the built site */
  distDir: string;
  /** where the files go */
  outDir: string;
  decks: string[];
  format: ExportFormat;
  range?: SlideRange[];
  /** one image / slide / page per step */
  steps?: boolean;
  /** strokes saved from the pen, drawn on their deck's slides */
  drawings?: DrawingsFile;
  browser?: BrowserLookup;
  log?: (line: string) => void;
  progress?: ProgressSink;
}

export interface ExportedDeck {
  deck: string;
  files: string[];
  /** images, slides or pages written */
  count: number;
  ms: number;
}

export async function exportDecks(opts: ExportDecksOptions): Promise<ExportedDeck[]> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const outDir = resolve(opts.outDir);
  await ensureWritableDir(outDir);
  for (const deck of opts.decks) {
    const page = join(opts.distDir, deck, 'index.html');
    if (!existsSync(page)) throw new UsageError(`${page} does not exist: build the site first (npm run build)`);
  }
  const found = findBrowser(opts.browser);
  if (found.warning) log(`warning: ${found.warning}`);
  const site = await serveSite(resolve(opts.distDir));
  let browser: Browser | undefined;
  const done: ExportedDeck[] = [];
  try {
    browser = await launchBrowser(found.path);
    for (const [i, deck] of opts.decks.entries()) {
      const started = performance.now();
      const step = (what: string) => opts.progress?.(`[${ofTotal(i + 1, opts.decks.length)}] ${deck}: ${what}`);
      step('opening the print view');
      const drawings = opts.drawings?.deck === deck ? opts.drawings : undefined;
      const url = `${site.url}${encodeURIComponent(deck)}/`;
      const made = opts.format === 'pdf' ? await exportPdf(browser, url, deck, outDir, opts, drawings) : await exportImages(browser, url, deck, outDir, opts, drawings, step);
      done.push({ deck, ...made, ms: performance.now() - started });
    }
  } finally {
    await browser?.close();
    await site.close();
  }
  return done;
}

/** The print view's pages the range and --steps take: every step of a slide in range, or its final state. */
export function pagesToKeep(pages: PrintedPage[], range: SlideRange[] | undefined, deck: string, steps: boolean): number[] {
  let wanted: Set<number>;
  try {
    wanted = slidesIn(range, new Set(pages.map((p) => p.slide)).size, deck);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const last = new Map<number, number>();
  pages.forEach((p, i) => last.set(p.slide, i));
  return pages.flatMap((p, i) => (wanted.has(p.slide) && (steps || last.get(p.slide) === i) ? [i] : []));
}

async function exportPdf(browser: Browser, url: string, deck: string, outDir: string, opts: ExportDecksOptions, drawings?: DrawingsFile) {
  const printed = await printSlides(browser, url, { steps: opts.steps, drawings, keep: (pages) => pagesToKeep(pages, opts.range, deck, !!opts.steps) });
  const file = join(outDir, `${deck}.pdf`);
  await writeFileAtomic(file, printed.pdf);
  return { files: [file], count: printed.pages.length };
}

async function exportImages(browser: Browser, url: string, deck: string, outDir: string, opts: ExportDecksOptions, drawings: DrawingsFile | undefined, step: (what: string) => void) {
  const view = await openPrintView(browser, url, { steps: opts.steps, drawings, scale: PNG_SCALE });
  try {
    const keep = pagesToKeep(view.pages, opts.range, deck, !!opts.steps);
    // room above the first slide and below the last for the margin of their images, as the others have their neighbours'
    await view.page.addStyleTag({ content: 'html.reveal-print body { padding: 40px 0 !important; height: auto !important; }' });
    const slides = new Set(view.pages.map((p) => p.slide)).size;
    const digits = Math.max(2, String(slides).length);
    const images: { page: PrintedPage; png: Buffer }[] = [];
    const files: string[] = [];
    if (opts.format === 'png') await mkdir(outDir, { recursive: true });
    for (const [n, index] of keep.entries()) {
      const page = view.pages[index];
      step(`slide ${page.slide}${opts.steps ? ` step ${page.step + 1}` : ''} (${ofTotal(n + 1, keep.length)})`);
      const png = await screenshotPage(view.page, index, PNG_SCALE);
      if (opts.format === 'png') {
        const file = join(outDir, `${deck}-${String(page.slide).padStart(digits, '0')}${opts.steps ? `-${page.step + 1}` : ''}.png`);
        await writeFileAtomic(file, png);
        files.push(file);
      } else images.push({ page, png });
    }
    if (opts.format === 'pptx') {
      step('writing the PPTX');
      const meta = await view.page.evaluate(() => ({
        title: document.title,
        lang: document.documentElement.lang || 'en',
        author: document.querySelector<HTMLMetaElement>('meta[name="author"]')?.content,
      }));
      const file = join(outDir, `${deck}.pptx`);
      await writeFileAtomic(file, await writePptx(images, meta));
      files.push(file);
    }
    return { files, count: keep.length };
  } finally {
    await view.close();
  }
}
