import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  // esbuild-wasm streams its compiler only when served with this type
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

export type HtmlRewrite = (html: string, path: string) => string;

/** Serves files under `root`, like a plain static host would (index.html for folders). */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, rewriteHtml?: HtmlRewrite): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let path: string;
  try {
    path = normalize(join(resolve(root), decodeURIComponent(url.pathname)));
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  if (path !== resolve(root) && !path.startsWith(resolve(root) + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    let info = await stat(path);
    if (info.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      path = join(path, 'index.html');
      info = await stat(path);
    }
    const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    // The cells' sandbox has an opaque origin: its Python worker's requests for assets/pyodide/ are cross-origin.
    // Static hosts such as GitHub Pages send this header too.
    if (url.pathname.includes('/assets/')) headers['Access-Control-Allow-Origin'] = '*';
    if (rewriteHtml && type.startsWith('text/html')) {
      const body = rewriteHtml(await readFile(path, 'utf8'), path);
      res.writeHead(200, headers).end(body);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': info.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(path).pipe(res);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${url.pathname}`);
  }
}
