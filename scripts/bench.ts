/**
 * npm run bench — measures, prints, asserts nothing. Sections can be picked:
 *   npm run bench -- deck compare lighthouse package cells pdf pyodide follow twoslash magic-move types
 * `compare` puts the 60-slide deck beside the same slides on plain reveal.js (bytes, requests, FCP), prints each
 * deck's font requests and bytes, and times `npm run build` as a whole process.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchCells } from './bench/cells-bench.js';
import { benchCompare } from './bench/compare-bench.js';
import { benchDeck, benchDevReload, benchSiteWeights } from './bench/deck-bench.js';
import { benchFollow } from './bench/follow-bench.js';
import { benchLighthouse } from './bench/lighthouse-bench.js';
import { benchMagicMove } from './bench/magic-move-bench.js';
import { benchPackage } from './bench/package-bench.js';
import { benchPdf } from './bench/pdf-bench.js';
import { benchPyodide } from './bench/pyodide-bench.js';
import { benchTwoslash } from './bench/twoslash-bench.js';
import { benchTypes } from './bench/types-bench.js';

const log = (s: string) => console.log(`  ${s}`);
const wanted = new Set(process.argv.slice(2));

/** The talk's site in dist/, built first when there is none (the sections that measure it need it). */
async function ensureSite(): Promise<void> {
  if (existsSync('dist/index.html')) return;
  const { buildSite } = await import('../src/node/pipeline/site.js');
  await buildSite({});
}

const sections: [string, () => Promise<void>][] = [
  [
    'deck',
    async () => {
      await benchDeck(log);
      await ensureSite();
      benchSiteWeights('dist', log);
      await benchDevReload(log);
    },
  ],
  [
    'compare',
    async () => {
      await ensureSite();
      await benchCompare(log);
    },
  ],
  [
    'lighthouse',
    async () => {
      await ensureSite();
      await benchLighthouse(log);
    },
  ],
  ['package', () => benchPackage(log)],
  ['cells', () => benchCells(log)],
  ['pdf', () => benchPdf(log)],
  ['pyodide', () => benchPyodide(log)],
  ['follow', () => benchFollow(log)],
  ['twoslash', () => benchTwoslash(log)],
  ['magic-move', () => benchMagicMove(log)],
  ['types', () => benchTypes(log)],
];

console.log(`kowakunai bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores`);
for (const [name, run] of sections) {
  if (wanted.size > 0 && !wanted.has(name)) continue;
  console.log(`\n[${name}]`);
  const t = performance.now();
  await run();
  console.log(`  (section took ${((performance.now() - t) / 1000).toFixed(1)} s)`);
}
