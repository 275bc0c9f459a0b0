/**
 * `kowakunai build --single-file`: <out>/<deck>.html with everything inlined — slides, notes, speaker view,
 * recorded results, fonts cut to the deck, images, and TypeScript cells runnable in the sandbox (its page
 * inlined as a srcdoc frame). Opens from file:// with no server and no network. Left out, too large to inline:
 * Pyodide (Python cells show their recorded run), the editor and esbuild-wasm (editing says how to get the full site).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { cacheDir as defaultCacheDir, PACKAGED, prebuilt } from '../paths.js';
import { clientKey } from './client-bundle.js';
import { pageCharacters, fontHead, subsetDeckFonts } from './font-subset.js';
import { clientCharacters } from './fonts.js';
import { codeCss } from './highlight.js';
import { TIMELINE_CSS } from '../../shared/timeline-svg.js';
import { deckPage } from './page.js';
import { buildSandboxHtml, scriptSafe } from './sandbox-bundle.js';
import { buildDecks } from './site.js';

const PAGE_DIR = fileURLToPath(new URL('../../page/', import.meta.url));

export interface SingleFileOptions {
  slidesDir: string;
  outDir: string;
  decks?: string[];
  cacheDir?: string;
}

export interface SingleFile {
  id: string;
  file: string;
  bytes: number;
  slides: number;
  /** what the file leaves out, in a few words */
  note: string;
}

export interface SingleFileClient {
  js: string;
  css: string;
}

const MIME: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

export async function buildSingleFiles(opts: SingleFileOptions): Promise<SingleFile[]> {
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const [client, decks] = await Promise.all([singleFileClient(cacheDir), buildDecks({ slidesDir: opts.slidesDir, cacheDir, decks: opts.decks, inlineSourceMaps: true })]);
  await mkdir(opts.outDir, { recursive: true });
  const written: SingleFile[] = [];
  for (const deck of decks) {
    let slidesHtml = deck.slidesHtml;
    // images as data: URLs, where the site has them under <deck>/media/
    for (const asset of deck.assets) {
      const data = `data:${MIME[extname(asset.to).toLowerCase()] ?? 'application/octet-stream'};base64,${(await readFile(asset.from)).toString('base64')}`;
      slidesHtml = slidesHtml.replaceAll(asset.to, data);
    }
    // the cells' npm packages as data: URLs in the page's package list (the page fetches them, then the sandbox gets the text)
    for (const b of deck.packages ?? []) {
      slidesHtml = slidesHtml.replace(JSON.stringify(`../${b.file}`), JSON.stringify(`data:text/javascript;base64,${Buffer.from(b.code).toString('base64')}`));
    }
    const page = { id: deck.id, meta: deck.meta, slidesHtml, inline: client };
    const fonts = await subsetDeckFonts(pageCharacters(deckPage(page), await clientCharacters()), cacheDir);
    const html = deckPage({ ...page, styles: `${fontHead(fonts, '', true)}\n<style>${codeCss()}${TIMELINE_CSS}</style>` });
    const file = join(opts.outDir, `${deck.id}.html`);
    await writeFile(file, html);
    const python = deck.cells.some((c) => c.lang === 'python');
    written.push({
      id: deck.id,
      file,
      bytes: Buffer.byteLength(html),
      slides: deck.slides,
      note: python ? 'Python cells show their recorded run; editing needs the full site' : 'editing needs the full site',
    });
  }
  return written;
}

/** The deck client for one file: one script (no chunks), the sandbox inline, no editor, compiler or Pyodide. */
export async function singleFileClient(cacheDir = defaultCacheDir()): Promise<SingleFileClient> {
  const dir = PACKAGED ? prebuilt('single') : join(cacheDir, 'single', await clientKey(true));
  if (!existsSync(join(dir, 'deck.js'))) await buildSingleFileClient(dir);
  const [js, css] = await Promise.all([readFile(join(dir, 'deck.js'), 'utf8'), readFile(join(dir, 'deck.css'), 'utf8')]);
  return { js, css };
}

/** Stands in for the editor and the in-page compiler: never loaded (single-file.ts stops the clicks first). */
const STUBS: Record<string, string> = {
  './editor.js': "export function createEditor() { throw new Error('editing needs the full site'); }",
  './compiler.js':
    "export class CompileFailure extends Error { constructor(problem) { super(problem.message); this.problem = problem; } }\n" +
    "export function warmCompiler() {}\n" +
    "export async function compileSource() { throw new CompileFailure({ message: 'editing needs the full site: npx kowakunai dev' }); }",
};

export async function buildSingleFileClient(dir: string): Promise<void> {
  const sandboxHtml = await buildSandboxHtml({ python: false });
  const result = await esbuild.build({
    entryPoints: { deck: join(PAGE_DIR, 'main.ts') },
    outdir: '/single', // nothing is written: the names only
    write: false,
    bundle: true,
    splitting: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { __KOWAKUNAI_SANDBOX_HTML__: JSON.stringify(sandboxHtml) },
    loader: { '.woff2': 'dataurl', '.woff': 'dataurl' },
    plugins: [
      {
        name: 'single-file-stubs',
        setup(build) {
          build.onResolve({ filter: /^\.\/(editor|compiler)\.js$/ }, (args) =>
            args.importer.includes(`${join('page', 'cells')}`) ? { path: args.path, namespace: 'stub' } : undefined,
          );
          build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
        },
      },
    ],
  });
  const out = (ext: string): string => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  const tmp = `${dir}.tmp-${process.pid}`;
  await mkdir(tmp, { recursive: true });
  // inline <script>: its text must not close the element
  await writeFile(join(tmp, 'deck.js'), scriptSafe(out('.js')));
  await writeFile(join(tmp, 'deck.css'), out('.css').replace(/<\/(style)/gi, '<\\/$1'));
  await writeFile(join(tmp, 'key'), createHash('sha256').update(out('.js')).digest('hex'));
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
}
