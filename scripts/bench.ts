/**
 * npm run bench — measures, prints, asserts nothing. Sections can be picked:
 *   npm run bench -- deck cells pdf
 */
import { existsSync } from 'node:fs';
import { benchDeck, benchDevReload, benchSiteWeights } from './bench/deck-bench.js';

const log = (s: string) => console.log(`  ${s}`);
const wanted = new Set(process.argv.slice(2));
const on = (name: string) => wanted.size === 0 || wanted.has(name);

const sections: [string, () => Promise<void>][] = [
  ['deck', async () => {
    await benchDeck(log);
    if (!existsSync('dist/index.html')) {
      const { buildSite } = await import('../src/build/site.js');
      await buildSite({});
    }
    benchSiteWeights('dist', log);
    await benchDevReload(log);
  }],
];
for (const extra of ['cells', 'pdf', 'pyodide']) {
  const file = `./bench/${extra}-bench.js`;
  if (existsSync(new URL(file.replace('.js', '.ts'), import.meta.url))) {
    sections.push([extra, async () => {
      const mod = (await import(file)) as Record<string, (log: (s: string) => void) => Promise<void>>;
      const fn = Object.values(mod).find((f) => typeof f === 'function');
      await fn!(log);
    }]);
  }
}

console.log(`kowakunai bench — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
for (const [name, run] of sections) {
  if (!on(name)) continue;
  console.log(`\n[${name}]`);
  const t = performance.now();
  await run();
  console.log(`  (section took ${((performance.now() - t) / 1000).toFixed(1)} s)`);
}
