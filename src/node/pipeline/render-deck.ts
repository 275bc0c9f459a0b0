import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { ComponentType } from 'preact';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { collectCellsWith, deckComponents, type CellProps } from './components.js';
import { BuildError, BuildErrorList, toBuildErrors } from './errors.js';
import { foreignComponents } from './foreign-components.js';
import { mdxEsbuildPlugin, type CompiledMdx } from './mdx.js';
import { cacheDir as defaultCacheDir } from '../paths.js';

/**
 * preact for the deck's bundle is ours, named by absolute URL: the bundle is written to a cache beside the decks,
 * where no node_modules may be, and a deck's own components (`preact/jsx-runtime`, hooks) must share our one copy
 * of preact with the renderer. Nothing needs installing beside a deck.
 */
const ownPreact: esbuild.Plugin = {
  name: 'own-preact',
  setup(build) {
    build.onResolve({ filter: /^preact(-render-to-string)?(\/.*)?$/ }, (args) => ({ path: resolveOwn(args.path), external: true }));
  },
};

/**
 * The URL Node would load for `specifier` from here. Under vitest's module runner (global setup) there is no
 * import.meta.resolve: the bare name then stays, which resolves the same because, from the sources, the bundle is
 * written inside this repository (.cache/render).
 */
function resolveOwn(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return specifier;
  }
}

export interface RenderedDeck {
  compiled: CompiledMdx;
  /** the slides' HTML: one <section> per slide, cells still as slots */
  html: string;
  cells: CellProps[];
  /** every file the deck was made of (for the watcher) */
  inputs: string[];
}

let generation = 0;

/**
 * Bundles the deck's MDX with the components it imports (esbuild, for Node), imports the
 * result and renders it to static HTML with preact. The browser never sees MDX or preact.
 */
export async function renderDeck(mdxPath: string, cacheDir = join(defaultCacheDir(), 'render')): Promise<RenderedDeck> {
  let compiled: CompiledMdx | undefined;
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      stdin: { contents: `export { default } from ${JSON.stringify(mdxPath)};`, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      outfile: 'deck.mjs',
      logLevel: 'silent',
      plugins: [ownPreact, mdxEsbuildPlugin((path, c) => path === mdxPath && (compiled = c))],
    });
  } catch (error) {
    // every problem the deck has (all its bad frontmatter fields, say), not only the first
    const errors = toBuildErrors(error, mdxPath);
    throw errors.length === 1 ? errors[0] : new BuildErrorList(errors);
  }
  await mkdir(cacheDir, { recursive: true });
  // a new file name per build: Node caches ES modules by URL and a rebuilt deck must not be stale
  const out = join(cacheDir, `deck-${process.pid}-${++generation}.mjs`);
  await writeFile(out, result.outputFiles[0].text);
  const mod = (await import(pathToFileURL(out).href).finally(() => rm(out, { force: true }))) as { default: ComponentType<{ components: object }> };
  const cells: CellProps[] = [];
  collectCellsWith({ add: (c) => cells.push(c) - 1 });
  let html: string;
  try {
    html = renderToString(h(mod.default, { components: { ...foreignComponents, ...deckComponents } }));
  } catch (error) {
    const e = error as Error;
    throw new BuildError(`rendering failed: ${e.message}`, mdxPath);
  } finally {
    collectCellsWith(undefined);
  }
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.startsWith('<stdin>'))
    .map((p) => join(process.cwd(), p));
  return { compiled: compiled!, html, cells, inputs };
}
