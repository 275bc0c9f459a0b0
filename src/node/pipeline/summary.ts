import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BuildSummary } from './site.js';
import { cacheDir } from '../paths.js';

export function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

const memoFile = (): string => join(cacheDir(), 'gzip-sizes.json');
let memo: Record<string, number> | undefined;

/**
 * Gzip size at level 6, what static servers send. Memoised on disk by content: esbuild.wasm and Pyodide
 * are 27 MB that seldom change, and compressing them took more time than the rest of the build.
 */
export function gzipLength(bytes: Buffer): number {
  if (!memo) {
    try {
      memo = JSON.parse(readFileSync(memoFile(), 'utf8')) as Record<string, number>;
    } catch {
      memo = {};
    }
  }
  const key = createHash('sha256').update(bytes).digest('hex');
  let size = memo[key];
  if (size === undefined) {
    size = gzipSync(bytes, { level: 6 }).length;
    memo[key] = size;
    mkdirSync(dirname(memoFile()), { recursive: true });
    writeFileSync(memoFile(), JSON.stringify(memo));
  }
  return size;
}

export function gzipSize(path: string): number {
  return gzipLength(readFileSync(path));
}

/** The closing lines of a build: what was built, how big each shipped asset is, how long it took. */
export function formatSummary(summary: BuildSummary, outDir: string): string {
  const lines: string[] = [];
  for (const d of summary.decks) {
    lines.push(`  ${d.id.padEnd(16)} ${String(d.slides).padStart(3)} slides  ${String(d.codeBlocks).padStart(3)} code blocks  ${String(d.cells.length).padStart(2)} cells  (${d.meta.lang}) ${d.meta.title}`);
    if (!d.dialect.startsWith('kowakunai')) lines.push(`  ${''.padEnd(16)} read as ${d.dialect}`);
  }
  const fonts = summary.files.filter((f) => f.startsWith('assets/fonts/') && f.endsWith('.woff2'));
  const shown = summary.files.filter((f) => !f.startsWith('assets/fonts/') && !/\/media\//.test(f));
  if (shown.length) lines.push('', '  asset                                   raw        gzip');
  for (const f of shown.sort()) {
    const path = join(outDir, f);
    lines.push(`  ${f.padEnd(38)} ${kb(statSync(path).size).padStart(10)} ${kb(gzipSize(path)).padStart(10)}`);
  }
  // one line per page set: a deck's cut (one woff2 per weight) is what its first page may fetch
  const deckFonts = summary.decks.map((d) => ({ name: `${d.id} fonts`, files: fonts.filter((f) => d.fonts.includes(f)) }));
  for (const { name, files } of deckFonts.filter((d) => d.files.length)) {
    const total = files.reduce((n, f) => n + statSync(join(outDir, f)).size, 0);
    lines.push(`  ${`${name} (${files.length} woff2)`.padEnd(38)} ${kb(total).padStart(10)} ${'(woff2)'.padStart(10)}`);
  }
  const warnings = summary.decks.flatMap((d) => d.warnings);
  if (warnings.length) lines.push('', ...warnings);
  const slides = summary.decks.reduce((n, d) => n + d.slides, 0);
  lines.push('', `built ${summary.decks.length} deck(s), ${slides} slides in ${(summary.ms / 1000).toFixed(2)} s → ${outDir}`);
  return lines.join('\n');
}
