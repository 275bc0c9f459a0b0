import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BuildSummary } from './site.js';

export function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** The closing lines of a build: what was built, how big each shipped asset is, how long it took. */
export function formatSummary(summary: BuildSummary, outDir: string): string {
  const lines: string[] = [];
  for (const d of summary.decks) {
    lines.push(`  ${d.id.padEnd(16)} ${String(d.slides).padStart(3)} slides  ${String(d.codeBlocks).padStart(3)} code blocks  ${String(d.cells.length).padStart(2)} cells  (${d.meta.lang}) ${d.meta.title}`);
  }
  const fonts = summary.files.filter((f) => f.startsWith('assets/fonts/') && f.endsWith('.woff2'));
  const shown = summary.files.filter((f) => !f.startsWith('assets/fonts/') && !/\/media\//.test(f));
  if (shown.length) lines.push('', '  asset                                   raw        gzip');
  for (const f of shown.sort()) {
    const path = join(outDir, f);
    lines.push(`  ${f.padEnd(38)} ${kb(statSync(path).size).padStart(10)} ${kb(gzipSize(path)).padStart(10)}`);
  }
  if (fonts.length) {
    const total = fonts.reduce((n, f) => n + statSync(join(outDir, f)).size, 0);
    lines.push(`  ${`assets/fonts/ (${fonts.length} woff2 subsets)`.padEnd(38)} ${kb(total).padStart(10)}   (loaded per unicode-range)`);
  }
  const slides = summary.decks.reduce((n, d) => n + d.slides, 0);
  lines.push('', `built ${summary.decks.length} deck(s), ${slides} slides in ${(summary.ms / 1000).toFixed(2)} s → ${outDir}`);
  return lines.join('\n');
}
