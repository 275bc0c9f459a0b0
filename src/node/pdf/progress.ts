import { isAbsolute, relative } from 'node:path';

export type PdfKind = 'slides' | 'handout';

/** One PDF written. `slides` is how many slides the deck has: the expected page count. */
export interface ExportedPdf {
  deck: string;
  kind: PdfKind;
  file: string;
  pages: number;
  slides: number;
  bytes: number;
  ms: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * The lines `npm run pdf` prints: one when a deck starts (printing a long deck takes seconds, so the
 * user sees which one is under way), one per PDF with its page count, then the files written.
 */
export class Progress {
  private readonly started = performance.now();
  constructor(
    private readonly log: (line: string) => void,
    private readonly total: number,
  ) {}

  deckStarted(deck: string, index: number): void {
    this.log(`[${index + 1}/${this.total}] ${deck}`);
  }

  pdfWritten(pdf: ExportedPdf): void {
    const why = pdf.kind === 'handout' ? ': some slides ran over a page' : ': a page per code step and magic-move version';
    const mismatch = pdf.pages === pdf.slides ? '' : `  (the deck has ${pdf.slides} slides${why})`;
    this.log(`      ${pdf.kind.padEnd(7)} ${String(pdf.pages).padStart(3)} pages  ${seconds(pdf.ms).padStart(6)}${mismatch}`);
  }

  finished(pdfs: ExportedPdf[], cwd = process.cwd()): void {
    if (pdfs.length === 0) return;
    // dist/x.pdf inside the project, the absolute path anywhere else
    const names = pdfs.map((p) => {
      const rel = relative(cwd, p.file);
      return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p.file;
    });
    const width = Math.max(...names.map((n) => n.length));
    this.log(`wrote ${pdfs.length} PDF${pdfs.length === 1 ? '' : 's'} in ${seconds(performance.now() - this.started)}:`);
    pdfs.forEach((p, i) => this.log(`  ${names[i].padEnd(width)}  ${String(p.pages).padStart(3)} pages  ${size(p.bytes).padStart(7)}`));
  }
}
