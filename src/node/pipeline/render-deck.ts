import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { ComponentType } from 'preact';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { collectCellsWith, deckComponents, type CellProps } from './components.js';
import { BuildError, BuildErrorList, toBuildErrors } from './errors.js';
import { mdxEsbuildPlugin, type CompiledMdx } from './mdx.js';

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
// Inside the project, wherever the decks are: the bundle imports preact from our node_modules.
const RENDER_DIR = fileURLToPath(new URL('../../../.cache/render', import.meta.url));

export async function renderDeck(mdxPath: string, cacheDir = RENDER_DIR): Promise<RenderedDeck> {
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
      external: ['preact', 'preact/*', 'preact-render-to-string'],
      outfile: 'deck.mjs',
      logLevel: 'silent',
      plugins: [mdxEsbuildPlugin((path, c) => path === mdxPath && (compiled = c))],
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
    html = renderToString(h(mod.default, { components: deckComponents }));
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
