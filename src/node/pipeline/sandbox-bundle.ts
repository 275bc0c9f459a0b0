/**
 * Builds the self-contained sandbox page (dist/assets/sandbox.html). Three bundles nest: the pool worker's source is
 * inlined into the cell worker, whose source is inlined into the frame script, which is inlined into the HTML.
 * Nothing is loaded by URL: a document with an opaque origin cannot load module scripts, and workers must start
 * from blob: URLs.
 */
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PACKAGED, prebuilt } from '../paths.js';

const SANDBOX_DIR = fileURLToPath(new URL('../../sandbox/', import.meta.url));

export interface SandboxBuildOptions {
  /** default true */
  minify?: boolean;
  /** default true; false for the single-file deck, which has no Pyodide to run Python with */
  python?: boolean;
}

async function bundle(entry: string, define: Record<string, string>, minify: boolean, format: 'iife' | 'esm' = 'iife'): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [SANDBOX_DIR + entry],
    bundle: true,
    write: false,
    // classic scripts: the TS workers are classic (module workers from blob: URLs fail in a sandboxed iframe);
    // the Python worker is ESM (Pyodide needs a module worker), started from a data: URL, which does work there
    format,
    // the Python runtime and the requests/httpx stand-ins travel as text inside the Python worker
    loader: { '.py': 'text' },
    target: 'es2022',
    platform: 'browser',
    minify,
    define,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Inline script text must not close the <script> element or open an HTML comment. */
export function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * The policy keeps cell code from loading code from other hosts while letting it call HTTP APIs. 'unsafe-eval' is
 * for toThread, which rebuilds the function from its source text in the thread, and for Pyodide's wasm.
 * Python cells: 'self' (the deck's own host — the URL's origin, even in this opaque-origin frame) lets the Python
 * worker import dist/assets/pyodide/; data: is that worker's URL. Neither gives cell code more than 'unsafe-eval'
 * already does (fetch + eval), and other hosts stay refused.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' blob: data: 'self'",
  'worker-src blob: data:',
  'connect-src * data: blob:',
].join('; ');

/** The Python cell worker (src/sandbox/python/py-worker.ts) as one ES module; also loaded by record-python.ts. */
export async function buildPythonWorkerJs(minify = true): Promise<string> {
  if (PACKAGED) return readFile(prebuilt('py-worker.js'), 'utf8');
  return bundle('python/py-worker.ts', {}, minify, 'esm');
}

export async function buildSandboxHtml(options: SandboxBuildOptions = {}): Promise<string> {
  const minify = options.minify ?? true;
  const poolJs = await bundle('pool-worker.ts', {}, minify);
  const workerJs = await bundle('worker.ts', { __POOL_WORKER_JS__: JSON.stringify(poolJs) }, minify);
  const pyWorkerJs = options.python === false ? '' : await buildPythonWorkerJs(minify);
  const frameJs = await bundle(
    'frame.ts',
    { __CELL_WORKER_JS__: JSON.stringify(workerJs), __PY_WORKER_JS__: JSON.stringify(pyWorkerJs) },
    minify,
  );
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<title>kowakunai sandbox</title></head>',
    `<body><script>${scriptSafe(frameJs)}</script></body></html>`,
    '',
  ].join('\n');
}
