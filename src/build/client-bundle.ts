import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { toBuildErrors } from './errors.js';
import { buildSandboxHtml } from './sandbox-bundle.js';

const require = createRequire(import.meta.url);

/**
 * Builds what the browser runs: the deck client (code-split so the editor and compiler load
 * only when asked for), the in-page compiler worker, esbuild's wasm and the sandbox page.
 * Returns the files written, relative to dist/.
 */
export async function buildClient(distDir: string, opts: { minify?: boolean } = {}): Promise<string[]> {
  const assets = join(distDir, 'assets');
  await mkdir(assets, { recursive: true });
  const entryPoints: Record<string, string> = {
    deck: 'src/client/main.ts',
    handout: 'src/client/styles/handout.css',
    'compiler-worker': 'src/client/cells/compiler-worker.ts',
  };
  let result: esbuild.BuildResult<{ metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints,
      outdir: assets,
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      minify: opts.minify ?? true,
      sourcemap: false,
      metafile: true,
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      assetNames: 'files/[name]-[hash]',
      legalComments: 'none',
      logLevel: 'silent',
      loader: { '.woff2': 'file', '.woff': 'file' },
    });
  } catch (error) {
    throw toBuildErrors(error, 'src/client/main.ts')[0];
  }
  const written = Object.keys(result.metafile.outputs).map((p) => relative(distDir, resolve(p)));
  await copyFile(require.resolve('esbuild-wasm/esbuild.wasm'), join(assets, 'esbuild.wasm'));
  written.push('assets/esbuild.wasm');
  await writeFile(join(assets, 'sandbox.html'), await buildSandboxHtml());
  written.push('assets/sandbox.html');
  return written;
}
