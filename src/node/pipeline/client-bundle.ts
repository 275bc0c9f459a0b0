import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { copyIfChanged } from './copy-if-changed.js';
import { toBuildErrors } from './errors.js';
import { buildSandboxHtml } from './sandbox-bundle.js';
import { editorTypeLib } from './editor-types.js';
import { PACKAGED, prebuilt } from '../paths.js';

const require = createRequire(import.meta.url);
const SRC = fileURLToPath(new URL('../../', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** built bundles, one folder per content key */
const CACHE = join(ROOT, '.cache', 'client');
/** what the browser code is made of: its sources and the installed packages' versions */
const INPUT_DIRS = ['page', 'shared', 'sandbox'];
const KEEP_ENTRIES = 4;

/**
 * Builds what the browser runs: the deck client (code-split so the editor and compiler load only when
 * asked for), the in-page compiler worker, esbuild's wasm and the sandbox page. Returns the files
 * written, relative to dist/.
 *
 * Cached by content: the bundles are built once per state of src/page, src/shared, src/sandbox and
 * package-lock.json into .cache/client/<key>/, and copied to dist/ only where they differ — a build of
 * slides alone never runs esbuild on the client.
 */
export async function buildClient(distDir: string, opts: { minify?: boolean } = {}): Promise<string[]> {
  const minify = opts.minify ?? true;
  // installed: built once, at pack time, from the sources that are not shipped
  const entry = PACKAGED ? prebuilt('client') : join(CACHE, await clientKey(minify));
  if (!existsSync(join(entry, 'files.json'))) await buildInto(entry, minify);
  const files = JSON.parse(await readFile(join(entry, 'files.json'), 'utf8')) as string[];
  await Promise.all(files.map((f) => copyIfChanged(join(entry, f), join(distDir, f))));
  await copyIfChanged(require.resolve('esbuild-wasm/esbuild.wasm'), join(distDir, 'assets', 'esbuild.wasm'));
  return [...files, 'assets/esbuild.wasm'];
}

export async function clientKey(minify: boolean): Promise<string> {
  const hash = createHash('sha256').update(`v1 minify=${minify} esbuild=${esbuild.version}\n`);
  hash.update(await readFile(join(ROOT, 'package-lock.json')).catch(() => ''));
  for (const dir of INPUT_DIRS) {
    const names = (await readdir(join(SRC, dir), { recursive: true })).sort();
    for (const name of names) {
      const path = join(SRC, dir, name);
      if (!(await stat(path)).isFile()) continue;
      hash.update(`\0${dir}/${name}\0`).update(await readFile(path));
    }
  }
  return hash.digest('hex').slice(0, 20);
}

/** Builds into a private folder, then renames it into place: a concurrent build never sees half an entry. */
export async function buildInto(entry: string, minify: boolean): Promise<void> {
  const tmp = `${entry}.tmp-${process.pid}-${Date.now()}`;
  const assets = join(tmp, 'assets');
  await mkdir(assets, { recursive: true });
  let result: esbuild.BuildResult<{ metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: {
        deck: join(SRC, 'page/main.ts'),
        handout: join(SRC, 'page/styles/handout.css'),
        'handout-fit': join(SRC, 'page/handout-fit.ts'),
        'compiler-worker': join(SRC, 'page/cells/compiler-worker.ts'),
        'types-worker': join(SRC, 'page/cells/types-worker.ts'),
      },
      outdir: assets,
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      minify,
      sourcemap: false,
      metafile: true,
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      assetNames: 'files/[name]-[hash]',
      legalComments: 'none',
      logLevel: 'silent',
      loader: { '.woff2': 'file', '.woff': 'file' },
      // the single-file deck's code (src/page/single-file.ts) folds away: not one byte of it in the site's deck.js
      define: { __KOWAKUNAI_SANDBOX_HTML__: 'undefined' },
    });
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw toBuildErrors(error, 'src/page/main.ts')[0];
  }
  const files = Object.keys(result.metafile.outputs).map((p) => relative(tmp, resolve(p)));
  await writeFile(join(assets, 'sandbox.html'), await buildSandboxHtml());
  await writeFile(join(assets, 'ts-lib.json'), JSON.stringify(await editorTypeLib()));
  files.push('assets/sandbox.html', 'assets/ts-lib.json');
  await writeFile(join(tmp, 'files.json'), JSON.stringify(files));
  try {
    await rename(tmp, entry);
  } catch {
    await rm(tmp, { recursive: true, force: true }); // another build made the same entry first
  }
  if (!PACKAGED && entry.startsWith(CACHE)) await pruneCache(entry);
}

/** Keeps the newest few entries: each save of a client file in the dev server makes one. */
async function pruneCache(keep: string): Promise<void> {
  const names = (await readdir(CACHE)).filter((n) => !n.includes('.tmp-'));
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(CACHE, n))).mtimeMs })));
  const old = dated.sort((a, b) => b.t - a.t).slice(KEEP_ENTRIES).filter((d) => join(CACHE, d.n) !== keep);
  await Promise.all(old.map((d) => rm(join(CACHE, d.n), { recursive: true, force: true })));
}
