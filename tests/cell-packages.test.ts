/**
 * npm packages in cells, in Node: the cell's imports rewritten to read the preloaded package, each package bundled
 * for the browser from the deck's node_modules, and every package that cannot work refused at the import's
 * file:line:col with what to do. Bad packages are tiny folders written under a temporary deck.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, test } from 'vitest';
import { compileCells } from '../src/node/pipeline/cells/build-cells.js';
import { bundlePackage } from '../src/node/pipeline/cells/packages.js';
import { BuildError, BuildErrorList } from '../src/node/pipeline/errors.js';
import { buildDeck } from '../src/node/pipeline/site.js';
import { CellCompileError, compileCell, packagesOf } from '../src/shared/cell-compile.js';

const FIXTURE = resolve('tests/fixtures/decks/packages');
const root = mkdtempSync(join(tmpdir(), 'kowakunai-packages-'));

/** A deck folder with its own package.json and the given packages installed (name → files). */
function deckWith(packages: Record<string, Record<string, string>>): string {
  const dir = mkdtempSync(join(root, 'deck-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'deck', private: true }));
  for (const [name, files] of Object.entries(packages)) {
    const at = join(dir, 'node_modules', name);
    mkdirSync(at, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(at, file), text);
  }
  return dir;
}

/** The build error of a one-cell deck whose cell is `code`, starting at line 5 of the deck's index.mdx. */
async function cellError(dir: string, code: string, packageLimitBytes?: number): Promise<BuildError> {
  const file = join(dir, 'index.mdx');
  try {
    await compileCells([{ code, file, line: '5' }], { deckDir: dir, packageLimitBytes });
  } catch (e) {
    if (e instanceof BuildErrorList) return e.list[0]!;
    expect(e).toBeInstanceOf(BuildError);
    return e as BuildError;
  }
  throw new Error('expected the build to fail');
}

/** Imports a bundle's text as Node would import the file (the recorder does the same). */
const importBundle = async (code: string) =>
  ((await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default: Record<string, unknown> }).default;

describe('a cell imports a package', () => {
  test('its imports read the preloaded package, line for line', async () => {
    const src = "import pLimit, { limitFunction as lf } from 'p-limit';\nimport * as q from 'yocto-queue';\nimport { print } from 'kowakunai';\nprint(pLimit, lf, q);\n";
    const { js, packages } = await compileCell(esbuild, src, { sourcemap: false });
    expect(js.split('\n').slice(0, 3)).toEqual([
      'const { default: pLimit, limitFunction: lf } = globalThis.__kowakunaiPackages["p-limit"];',
      'const q = globalThis.__kowakunaiPackages["yocto-queue"];',
      'const { print } = globalThis.__kowakunai;',
    ]);
    expect(packages).toEqual([
      { specifier: 'p-limit', line: 1, column: 46 },
      { specifier: 'yocto-queue', line: 2, column: 21 },
    ]);
    expect(packagesOf(js)).toEqual(['p-limit', 'yocto-queue']);
  });

  test('in the page, a package the deck did not bundle is refused at its import, with the command to fix it', async () => {
    const src = "import { sleep } from 'kowakunai';\nimport { z } from 'zod';\nawait sleep(z);\n";
    const e = await compileCell(esbuild, src, { packages: ['p-limit'] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CellCompileError);
    expect(e).toMatchObject({ line: 2, column: 20 });
    expect((e as Error).message).toMatch(/^'zod' is not available in this deck: install it beside the deck \(npm install zod\), name it in the deck's frontmatter \(packages: \[zod\]\)/);
  });

  test('p-limit is bundled for the browser from beside the deck, and the bundle works', async () => {
    const bundle = await bundlePackage('p-limit', FIXTURE);
    expect(bundle.file).toMatch(/^assets\/packages\/p-limit-[0-9a-f]{12}\.js$/);
    expect(bundle.code).not.toMatch(/\bimport\s*["(]|from\s*"/); // self-contained: yocto-queue is inside
    const pLimit = (await importBundle(bundle.code)).default as (n: number) => (<T>(fn: () => Promise<T>) => Promise<T>) & { concurrency: number };
    const limit = pLimit(2);
    let active = 0;
    let most = 0;
    const job = () => limit(async () => {
      most = Math.max(most, ++active);
      await new Promise((r) => setTimeout(r, 20));
      active--;
    });
    await Promise.all([job(), job(), job(), job(), job()]);
    expect(most).toBe(2);
    expect(limit.concurrency).toBe(2);
  });

  test('the fixture deck builds with each bundle listed for the page', async () => {
    const deck = await buildDeck('packages', { slidesDir: resolve('tests/fixtures/decks'), record: false });
    expect(deck.packages!.map((p) => p.specifier).sort()).toEqual(['p-limit', 'reach-out', 'yocto-queue']);
    const list = /<script type="application\/json" data-kowakunai-packages[^>]*>(.*?)<\/script>/.exec(deck.slidesHtml)?.[1];
    expect(Object.keys(JSON.parse(list!)).sort()).toEqual(['p-limit', 'reach-out', 'yocto-queue']);
    expect(JSON.parse(list!)['p-limit']).toMatch(/^\.\.\/assets\/packages\/p-limit-[0-9a-f]{12}\.js$/);
    // the editor's type checker gets the packages' own .d.ts
    expect(deck.slidesHtml).toContain(`data-types="../${deck.packageTypes!.file}"`);
    const types = JSON.parse(deck.packageTypes!.json) as Record<string, string>;
    expect(types['/node_modules/p-limit/index.d.ts']).toContain('export default function pLimit(concurrency: number | Options): LimitFunction;');
    expect(types['/node_modules/reach-out/index.d.ts']).toContain('reachOut');
  });
});

describe('bad packages fail the build at the import, naming the package and what to do', () => {
  const at = (e: BuildError) => `${e.line}:${e.column}`;

  test('not installed', async () => {
    const dir = deckWith({});
    const e = await cellError(dir, "import { print } from 'kowakunai';\nimport { z } from 'zod';\nprint(z);\n");
    expect(e.file).toBe(join(dir, 'index.mdx'));
    expect(at(e)).toBe('6:20');
    expect(e.message).toMatch(/package 'zod' is not installed beside the deck: run npm install zod/);
  });

  test.each(['node:fs', 'fs', 'child_process'])('Node-only: %s', async (name) => {
    const e = await cellError(deckWith({}), `import * as m from '${name}';\nconsole.log(m);\n`);
    expect(at(e)).toBe('5:21');
    expect(e.message).toContain(`'${name}' is a Node-only module: cells run in the browser's sandbox`);
  });

  test("a package whose browser build needs Node's modules", async () => {
    const dir = deckWith({ 'reads-files': { 'package.json': '{"name":"reads-files","main":"index.js"}', 'index.js': "const fs = require('fs');\nexports.read = (p) => fs.readFileSync(p, 'utf8');\n" } });
    const e = await cellError(dir, "import { read } from 'reads-files';\nconsole.log(read('x'));\n");
    expect(at(e)).toBe('5:23');
    expect(e.message).toMatch(/package 'reads-files' needs Node's 'fs' module .*use a package made for the browser/);
  });

  test("a package that needs Node's globals", async () => {
    const dir = deckWith({ 'wants-process': { 'package.json': '{"name":"wants-process","type":"module","main":"index.js"}', 'index.js': 'export const home = () => process.cwd() + Buffer.from("x").length;\n' } });
    const e = await cellError(dir, "import { home } from 'wants-process';\nconsole.log(home());\n");
    expect(e.message).toMatch(/package 'wants-process' needs Node's 'process', 'Buffer'/);
  });

  test('a package that only asks whether a Node global exists is fine', async () => {
    const dir = deckWith({ 'checks-process': { 'package.json': '{"name":"checks-process","type":"module","main":"index.js"}', 'index.js': 'export const env = typeof process !== "undefined" ? process.env.HOME : "browser";\n' } });
    const [cell] = await compileCells([{ code: "import { env } from 'checks-process';\nconsole.log(env);\n", file: join(dir, 'index.mdx'), line: '1' }], { deckDir: dir });
    expect(cell!.packages![0]!.specifier).toBe('checks-process');
  });

  test.each([
    ['a name', 'require(name)'],
    ['a path made at run time', 'require("./plugins/" + name)'],
  ])('CommonJS that loads modules at run time (%s) cannot be bundled', async (_what, call) => {
    const dir = deckWith({ plugins: { 'package.json': '{"name":"plugins","main":"index.js"}', 'index.js': `exports.load = (name) => ${call};\n` } });
    const e = await cellError(dir, "import { load } from 'plugins';\nload('a');\n");
    expect(at(e)).toBe('5:23');
    expect(e.message).toMatch(/package 'plugins' cannot be bundled for the browser: it loads modules at run time .*CommonJS/);
  });

  test('over the size limit (set low here; 2 MB gzip by default)', async () => {
    const noise = Array.from({ length: 4000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join('');
    const dir = deckWith({ big: { 'package.json': '{"name":"big","type":"module","main":"index.js"}', 'index.js': `export const noise = ${JSON.stringify(noise)};\n` } });
    const e = await cellError(dir, "import { noise } from 'big';\nconsole.log(noise.length);\n", 4 * 1024);
    expect(at(e)).toBe('5:24');
    expect(e.message).toMatch(/package 'big' is \d+ KB gzipped, over the limit of 4 KB for one package: .*packageSizeLimit/);
  });
});

describe('the frontmatter', () => {
  const deckFolder = (frontmatter: string): string => {
    const slides = mkdtempSync(join(root, 'slides-'));
    mkdirSync(join(slides, 'd'));
    writeFileSync(join(slides, 'd', 'index.mdx'), `---\ntitle: T\nlang: en\n${frontmatter}\n---\n\n# Hi\n`);
    return slides;
  };
  const failure = (slides: string) => buildDeck('d', { slidesDir: slides, record: false }).then(() => null, (e: unknown) => e as BuildError);

  test('packages: a listed package that is not installed fails at its line', async () => {
    const e = await failure(deckFolder('packages: [left-pad-nowhere]'));
    expect(e).toBeInstanceOf(BuildError);
    expect(e!.line).toBe(4);
    expect(e!.message).toMatch(/frontmatter "packages": package 'left-pad-nowhere' is not installed beside the deck: run npm install left-pad-nowhere/);
  });

  test('pyodide: a package the installed Pyodide does not have is a clear error, never a CDN fetch', async () => {
    const e = await failure(deckFolder('pyodide: [numpy, not-a-package]'));
    expect(e).toBeInstanceOf(BuildErrorList);
    const [numpy, other] = (e as unknown as BuildErrorList).list;
    expect(numpy!.line).toBe(4);
    expect(numpy!.message).toMatch(/'numpy' is not in the installed Pyodide distribution: node_modules\/pyodide has only the core, not numpy-[\w.-]+\.whl/);
    expect(other!.message).toMatch(/'not-a-package' is not a package Pyodide ships/);
  });
});
