/** PDF export (Node side): `kowakunai pdf` (src/node/cli/pdf.ts) is on top of these. */
export { DEFAULT_BROWSER_PATHS, findBrowser, NoBrowserError, type BrowserLookup } from './browser.js';
export { exportPdfs, pdfFileName, type ExportOptions } from './export.js';
export { whyRebuild } from './freshness.js';
export { OutputNotWritableError } from './output-dir.js';
export { countPdfPages, firstPageSize } from './pdf-pages.js';
export type { ExportedPdf, PdfKind } from './progress.js';
