/**
 * Export time of the talk's decks (npm run bench -- pdf): both PDFs of each, printed into a temporary
 * folder so dist/ is left as it was. Builds dist/ first only when it is missing or stale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSite, findDecks } from '../../src/node/pipeline/site.js';
import { exportPdfs, whyRebuild } from '../../src/node/pdf/index.js';

export async function benchPdf(log: (s: string) => void): Promise<void> {
  const distDir = resolve('dist');
  const all = await findDecks(resolve('slides'));
  const decks = all.filter((d) => d.startsWith('asyncio-'));
  const stale = await whyRebuild(distDir, all, [resolve('slides'), resolve('src')]);
  if (stale) {
    log(`(building dist/ first: ${stale})`);
    await buildSite({});
  }
  const outDir = mkdtempSync(join(tmpdir(), 'kowakunai-pdf-bench-'));
  try {
    const t0 = performance.now();
    const pdfs = await exportPdfs({ distDir, outDir, decks, log: () => {} });
    const total = performance.now() - t0;
    for (const p of pdfs) {
      const label = `pdf export, ${p.deck} ${p.kind}:`.padEnd(37);
      log(`${label}${(p.ms / 1000).toFixed(2)} s  (${p.pages} pages, ${(p.bytes / 1024).toFixed(0)} KB)`);
    }
    log(`${'pdf export, talk total:'.padEnd(37)}${(total / 1000).toFixed(2)} s  (${pdfs.length} PDFs incl. browser start)`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
