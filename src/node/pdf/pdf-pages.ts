/**
 * Reading a PDF just enough to report on it, without poppler: the page count and the size of
 * the first page. Chromium (Skia) writes page objects as plain dictionaries, so a scan of the
 * bytes is reliable for our own output; a compressed object stream would hide them, which is
 * why the count falls back to the page tree's /Count and reports 0 only when both are absent.
 */

/** Page objects (`/Type /Page`, not `/Pages`) in the file. */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  if (pages > 0) return pages;
  // the root of the page tree carries the largest /Count
  let count = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)) {
    count = Math.max(count, Number(m[1] ?? m[2]));
  }
  return count;
}

/** Width × height of the first /MediaBox, in PDF points (1/72 in). */
export function firstPageSize(pdf: Uint8Array): { width: number; height: number } | null {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const m = /\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/.exec(text);
  if (!m) return null;
  const [x0, y0, x1, y1] = m.slice(1).map(Number);
  return { width: x1 - x0, height: y1 - y0 };
}
