/**
 * What someone installing kowakunai downloads (the tarball `npm pack` makes, packed and unpacked; its
 * dependencies come on top), and the single-file decks: one offline HTML per deck, target ≤ 1.5 MB for asyncio-ja.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSingleFiles } from '../../src/node/pipeline/single-file.js';
import { kb } from '../../src/node/pipeline/summary.js';

export async function benchPackage(log: (s: string) => void): Promise<void> {
  // --dry-run still runs prepack (the compiled CLI and prebuilt assets) and lists what would be packed
  const r = spawnSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
  const [pack] = JSON.parse(r.stdout) as { size: number; unpackedSize: number; entryCount: number }[];
  log(`npm package: ${kb(pack!.size)} packed, ${kb(pack!.unpackedSize)} unpacked, ${pack!.entryCount} files (dependencies not counted)`);
  const out = mkdtempSync(join(tmpdir(), 'kowakunai-bench-single-'));
  try {
    const t0 = performance.now();
    const files = await buildSingleFiles({ slidesDir: resolve('slides'), outDir: out });
    log(`single-file decks (build --single-file, ${((performance.now() - t0) / 1000).toFixed(1)} s):`);
    for (const f of files) log(`  ${f.id}.html`.padEnd(24) + `${kb(f.bytes).padStart(10)}${f.id === 'asyncio-ja' ? '   (target ≤ 1.5 MB)' : ''}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
