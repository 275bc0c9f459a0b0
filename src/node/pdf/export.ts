import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { findBrowser, launchBrowser, type BrowserLookup } from './browser.js';
import { printHandout, printSlides, type PrintedPdf } from './export-deck.js';
import { writeFileAtomic } from '../atomic-write.js';
import { ensureWritableDir } from './output-dir.js';
import { countPdfPages } from './pdf-pages.js';
import { Progress, type ExportedPdf, type PdfKind } from './progress.js';
import { serveSite } from './serve.js';

export interface ExportOptions {
  /** the built site (it is served, never read through file://) */
  distDir: string;
  /** where the PDFs go; default distDir, beside the deck folders, where the site's index links them */
  outDir?: string;
  decks: string[];
  /** which PDFs; default both */
  kinds?: PdfKind[];
  /** how to find Chrome/Chromium (tests inject "none found") */
  browser?: BrowserLookup;
  /** progress lines; default console.log */
  log?: (line: string) => void;
}

/** File names beside the deck folders: dist/<deck>.pdf and dist/<deck>-handout.pdf. */
export function pdfFileName(deck: string, kind: PdfKind): string {
  return kind === 'slides' ? `${deck}.pdf` : `${deck}-handout.pdf`;
}

const PRINTERS: Record<PdfKind, (browser: Browser, deckUrl: string) => Promise<PrintedPdf>> = {
  slides: printSlides,
  handout: printHandout,
};

/**
 * Prints every deck's slides and handout PDFs through a local Chromium, one page at a time (the
 * machine may have two cores; parallel pages would only fight over them). The checks that need no
 * browser — output folder, built pages, the browser's path — run first, so mistakes fail in
 * milliseconds with a clear message.
 */
export async function exportPdfs(opts: ExportOptions): Promise<ExportedPdf[]> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const distDir = resolve(opts.distDir);
  const outDir = resolve(opts.outDir ?? distDir);
  const kinds = opts.kinds ?? ['slides', 'handout'];
  await ensureWritableDir(outDir);
  for (const deck of opts.decks) {
    for (const page of ['index.html', 'handout.html']) {
      if (!existsSync(join(distDir, deck, page))) throw new Error(`${join(distDir, deck, page)} does not exist: build the site first (npm run build)`);
    }
  }
  const found = findBrowser(opts.browser);
  if (found.warning) log(`warning: ${found.warning}`);

  const site = await serveSite(distDir);
  let browser: Browser | undefined;
  const progress = new Progress(log, opts.decks.length);
  const written: ExportedPdf[] = [];
  try {
    browser = await launchBrowser(found.path);
    log(`printing ${opts.decks.length} deck${opts.decks.length === 1 ? '' : 's'} with ${found.path} (Chromium ${browser.version()})`);
    for (const [i, deck] of opts.decks.entries()) {
      progress.deckStarted(deck, i);
      for (const kind of kinds) {
        const started = performance.now();
        const printed = await PRINTERS[kind](browser, `${site.url}${encodeURIComponent(deck)}/`);
        if (printed.fontErrors.length > 0) log(`      warning: fonts failed to load: ${printed.fontErrors.join('; ')}`);
        const file = join(outDir, pdfFileName(deck, kind));
        await writeFileAtomic(file, printed.pdf);
        const pdf: ExportedPdf = {
          deck,
          kind,
          file,
          pages: countPdfPages(printed.pdf),
          slides: printed.slides,
          bytes: printed.pdf.byteLength,
          ms: performance.now() - started,
        };
        progress.pdfWritten(pdf);
        written.push(pdf);
      }
    }
  } finally {
    await browser?.close();
    await site.close();
  }
  progress.finished(written);
  return written;
}
