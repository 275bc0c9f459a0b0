/**
 * What ```ts twoslash costs a build. Each figure is a fresh Node process compiling one deck, as the CLI would:
 * a deck without twoslash (TypeScript must not be loaded at all), the example deck with an empty twoslash
 * cache (TypeScript loaded, every block checked) and again with the cache the first run left.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './bench-page.js';

const REPO = resolve(import.meta.dirname, '../..');

interface Run {
  ms: number;
  /** user + system CPU time: steadier than wall time on a machine shared with other builds */
  cpuMs: number;
  loaded: boolean;
  rssMb: number;
}

export async function benchTwoslash(log: (s: string) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-twoslash-bench-'));
  const plain = join(root, 'plain.mdx');
  writeFileSync(plain, "---\ntitle: Plain\nlang: en\n---\n\n## Code\n\n```ts\nconst a: number = 1;\n```\n");
  const script = join(root, 'compile.mts');
  writeFileSync(
    script,
    `import { setCacheDir } from ${JSON.stringify(join(REPO, 'src/node/paths.ts'))};
setCacheDir(process.argv[3]);
const t = performance.now();
const { compileMdx } = await import(${JSON.stringify(join(REPO, 'src/node/pipeline/mdx.ts'))});
const { twoslashLoaded } = await import(${JSON.stringify(join(REPO, 'src/node/pipeline/twoslash.ts'))});
await compileMdx(process.argv[2]);
const cpu = process.cpuUsage();
console.log(JSON.stringify({ ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, loaded: twoslashLoaded(), rssMb: process.memoryUsage().rss / 2 ** 20 }));`,
  );
  const compile = (deck: string, cache: string): Run =>
    JSON.parse(execFileSync(join(REPO, 'node_modules/.bin/tsx'), [script, deck, cache], { encoding: 'utf8' }).trim().split('\n').pop()!);
  const example = join(REPO, 'slides/example/index.mdx');
  // the same deck with its twoslash block as a plain ts block: what twoslash adds, cached, is the difference
  cpSync(join(REPO, 'slides/example'), join(root, 'example-plain'), { recursive: true });
  const examplePlain = join(root, 'example-plain/index.mdx');
  writeFileSync(examplePlain, readFileSync(example, 'utf8').replace(/^```ts twoslash$/m, '```ts').replace(/^\/\/ @errors: .*\n/m, ''));
  const show = (label: string, runs: Run[]) =>
    log(`${label.padEnd(40)} wall ${median(runs.map((r) => r.ms)).toFixed(0).padStart(5)} ms, CPU ${median(runs.map((r) => r.cpuMs)).toFixed(0).padStart(5)} ms (medians of ${runs.length}), RSS ${median(runs.map((r) => r.rssMb)).toFixed(0)} MB, TypeScript loaded: ${runs.every((r) => r.loaded) ? 'yes' : runs.some((r) => r.loaded) ? 'sometimes' : 'no'}`);
  try {
    const cache = (i: number) => join(root, `cache-${i}`);
    const none: Run[] = [];
    const withoutSlide: Run[] = [];
    const cold: Run[] = [];
    const cached: Run[] = [];
    for (let i = 0; i < 5; i++) {
      none.push(compile(plain, cache(i)));
      withoutSlide.push(compile(examplePlain, cache(i)));
      cold.push(compile(example, cache(i)));
      cached.push(compile(example, cache(i)));
    }
    show('compile a deck without twoslash', none);
    show('compile example, its block not twoslash', withoutSlide);
    show('compile example, twoslash cache empty', cold);
    show('compile example, twoslash cached', cached);
    const cpu = (runs: Run[]) => median(runs.map((r) => r.cpuMs));
    const signed = (ms: number) => `${ms >= 0 ? '+' : ''}${ms.toFixed(0)} ms`;
    log(`twoslash cached: ${signed(cpu(cached) - cpu(withoutSlide))} CPU against the same deck without twoslash`);
    log(`twoslash cold:   ${signed(cpu(cold) - cpu(cached))} CPU over the cached build (loading TypeScript 5.9, checking the deck's block)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
