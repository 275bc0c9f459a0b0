/**
 * Builds the self-contained sandbox page (dist/assets/sandbox.html). Three bundles nest: the pool worker's source is
 * inlined into the cell worker, whose source is inlined into the frame script, which is inlined into the HTML.
 * Nothing is loaded by URL: a document with an opaque origin cannot load module scripts, and workers must start
 * from blob: URLs.
 */
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const SANDBOX_DIR = fileURLToPath(new URL('../sandbox/', import.meta.url));

export interface SandboxBuildOptions {
  /** default true */
  minify?: boolean;
}

async function bundle(entry: string, define: Record<string, string>, minify: boolean): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [SANDBOX_DIR + entry],
    bundle: true,
    write: false,
    // classic scripts: the workers are classic (module workers from blob: URLs fail in a sandboxed iframe)
    format: 'iife',
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
function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * The policy keeps cell code from loading anything as code (dynamic import of a URL, importScripts) while letting it
 * call HTTP APIs. 'unsafe-eval' is for toThread, which rebuilds the function from its source text in the thread.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' blob:",
  'worker-src blob:',
  'connect-src * data: blob:',
].join('; ');

export async function buildSandboxHtml(options: SandboxBuildOptions = {}): Promise<string> {
  const minify = options.minify ?? true;
  const poolJs = await bundle('pool-worker.ts', {}, minify);
  const workerJs = await bundle('worker.ts', { __POOL_WORKER_JS__: JSON.stringify(poolJs) }, minify);
  const frameJs = await bundle('frame.ts', { __CELL_WORKER_JS__: JSON.stringify(workerJs) }, minify);
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<title>kowakunai sandbox</title></head>',
    `<body><script>${scriptSafe(frameJs)}</script></body></html>`,
    '',
  ].join('\n');
}
