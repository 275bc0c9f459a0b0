import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { PACKAGED, prebuilt, REPO_ROOT } from '../paths.js';
import * as esbuild from 'esbuild';
import { pageFrame } from '../pipeline/page.js';
import { BuildFailed, buildSite, deckFile, findDecks, type BuiltDeck } from '../pipeline/site.js';
import { BuildError, toBuildErrors } from '../pipeline/errors.js';
import { isRecordingsFile } from '../pipeline/cells/recordings-file.js';
import type { ProgressLine } from '../progress.js';
import { buildClient } from '../pipeline/client-bundle.js';
import { createSlowApi } from './slow-api.js';
import { serveStatic } from './static.js';

export interface DevServerOptions {
  port: number;
  host?: string;
  slidesDir?: string;
  outDir?: string;
  /** only these decks of slidesDir (a single talk.mdx among other files) */
  decks?: string[];
  log?: (line: string) => void;
  /** progress of the first build (src/node/progress.ts) */
  progress?: ProgressLine;
}

export interface DevServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Added to every HTML page as it is served, never written to dist/: a site published after `npm start` must not
 * keep asking a host without a dev server for /__kowakunai/events.
 */
const DEV_MARKER = '<meta name="kowakunai-dev" content="1">';
const RELOAD_PATH = '/__kowakunai/dev-reload.js';
const DEV_TAGS = `${DEV_MARKER}\n<script type="module" src="${RELOAD_PATH}"></script>`;

/** The reload client, bundled on request: it exists only on the dev server, not in dist/assets/. */
export async function bundleReloadScript(): Promise<string> {
  if (PACKAGED) return readFile(prebuilt('dev-reload.js'), 'utf8');
  const out = await esbuild.build({
    stdin: { contents: "import { connectDevServer } from './dev-reload.ts';\nconnectDevServer();", resolveDir: join(REPO_ROOT, 'src', 'page'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/**
 * `npm start`: builds, serves dist/ with the slow API, watches slides/ and src/, and pushes a
 * reload (or the build error) to open pages over server-sent events. A failed rebuild leaves
 * the last good build in place.
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const slidesDir = resolve(opts.slidesDir ?? 'slides');
  const outDir = resolve(opts.outDir ?? 'dist');
  const clients = new Set<ServerResponse>();
  const slowApi = createSlowApi();
  let lastError: string | null = null;
  const built = new Map<string, BuiltDeck>();

  const send = (event: string, data: unknown) => {
    for (const c of clients) c.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  const report = (error: unknown) => {
    const errors = error instanceof BuildFailed ? error.errors : toBuildErrors(error, slidesDir);
    const text = errors.map((e: BuildError) => e.format()).join('\n\n');
    lastError = text;
    log(`\n${text}\n(still serving the last good build)`);
    send('build-error', { text });
  };

  const fullBuild = async () => {
    // serve first: a cell without a current recording is recorded in the background, after the server is up
    const summary = await buildSite({ slidesDir, outDir, decks: opts.decks, progress: opts.progress?.step, record: 'recorded-only' }).finally(() =>
      opts.progress?.end(),
    );
    for (const d of summary.decks) built.set(d.id, d);
    return summary;
  };

  const summary = await fullBuild().catch((e) => {
    report(e);
    return null;
  });
  if (summary) log(`built ${summary.decks.length} deck(s) in ${(summary.ms / 1000).toFixed(2)} s`);

  const server = createServer((req, res) => {
    if (slowApi.handle(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/__kowakunai/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write('retry: 500\n\n');
      if (lastError) res.write(`event: build-error\ndata: ${JSON.stringify({ text: lastError })}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url.pathname === RELOAD_PATH) {
      // bundled once, and again after a change to the browser code (src/page/dev-reload.ts among it)
      reloadScript ??= bundleReloadScript();
      void reloadScript.then(
        (js) => res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(js),
        (e: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(String(e)),
      );
      return;
    }
    // the sandbox page (assets/sandbox.html) runs in a frame of origin null: a module script from here would be a
    // cross-origin load the browser blocks (a console error on every deck page), and the sandbox has nothing to reload
    const devPage = !url.pathname.startsWith('/assets/');
    void serveStatic(outDir, req, res, devPage ? (html) => (html.includes(DEV_MARKER) ? html : html.replace('</head>', `${DEV_TAGS}\n</head>`)) : undefined);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://localhost:${port}/`;

  // Rebuild on change: a slide change rebuilds its deck only; a client change rebundles the browser code.
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let reloadScript: Promise<string> | undefined;
  /** each deck page's frame (pageFrame) as it is in the output folder now */
  const pageFrames = async (ids: string[]) =>
    new Map(await Promise.all(ids.map(async (id) => [id, pageFrame(await readFile(join(outDir, id, 'index.html'), 'utf8').catch(() => ''))] as const)));
  const rebuild = async (changed: string[]) => {
    const started = performance.now();
    try {
      const decks = new Set<string>();
      let client = false;
      let all = false;
      const deckIds = opts.decks ?? (await findDecks(slidesDir));
      for (const file of changed) {
        const rel = relative(slidesDir, file);
        if (!rel.startsWith('..')) {
          // a deck's own files: what it was compiled from, and its pictures (and theme)
          const owner = [...built.values()].filter((d) => d.inputs.includes(file) || d.assets.some((a) => a.from === file)).map((d) => d.id);
          const top = rel.split(/[/\\]/)[0];
          if (owner.length) owner.forEach((d) => decks.add(d));
          else if (deckIds.includes(top)) decks.add(top);
          else if (deckIds.includes(top.replace(/\.mdx?$/, ''))) decks.add(top.replace(/\.mdx?$/, ''));
          // a shared file no deck has used yet (a new cell, a component, a picture); notes, logs and the like are no deck's
          else if (/\.(mdx?|[cm]?[jt]sx?|py|css|json|png|jpe?g|gif|svg|webp|avif)$/i.test(file)) all = true;
        } else if (/src[/\\](page|sandbox|shared)[/\\]/.test(file)) client = true;
      }
      if (client) {
        await buildClient(outDir);
        reloadScript = undefined;
      }
      // a file that is no deck's (notes, a log): nothing to build, no page to reload
      if (!client && !all && decks.size === 0 && !lastError) return;
      const before = client ? new Map<string, string>() : await pageFrames([...built.keys()]);
      if (all || decks.size > 0 || lastError) {
        const summary = await buildSite({ slidesDir, outDir, client: false, decks: all || lastError ? opts.decks : [...decks], previous: built });
        for (const d of summary.decks) built.set(d.id, d);
      }
      lastError = null;
      send('build-ok', {});
      // decks whose pages changed only in their slides: an open page takes the new slides in place (dev-reload.ts)
      const after = await pageFrames([...before.keys()]);
      send('reload', { swap: [...before].filter(([id, frame]) => after.get(id) === frame).map(([id]) => id) });
      log(`rebuilt (${changed.map((f) => relative(process.cwd(), f)).join(', ')}) in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      report(error);
    }
  };
  const onChange = (base: string) => (_event: string, name: string | Buffer | null) => {
    if (!name) return;
    const file = resolve(base, name.toString());
    if (/(^|[/\\])(\.|#)|~$/.test(name.toString())) return; // editor swap files
    if (isRecordingsFile(file)) return; // written by the build itself
    // the site itself may be written inside the watched folder (a talk in the current directory)
    if (file === outDir || file.startsWith(outDir + sep)) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = [...pending];
      pending = new Set();
      running = running.then(() => rebuild(batch));
    }, 20); // an editor's save is a few events within a few ms
  };
  // what the first build could not show from recordings.json: recorded now, each deck swapped into open pages as it lands
  const unrecorded = summary ? summary.decks.filter((d) => d.cells.some((c) => !d.recorded.has(c.id))) : [];
  if (unrecorded.length > 0) {
    const ids = unrecorded.flatMap((d) => d.cells.filter((c) => !d.recorded.has(c.id)).map((c) => `${d.id}/${c.id}`));
    log(`recording ${ids.length} cell(s) in the background: ${ids.join(', ')} — open pages show each deck's runs when they land`);
    running = running.then(() => rebuild(unrecorded.map((d) => deckFile(slidesDir, d.id))));
  }
  const watchers = watchDecks(slidesDir, outDir, onChange);
  // from this repository, the tool's own sources too (installed, there are none to watch)
  if (!PACKAGED) watchers.push(watch(join(REPO_ROOT, 'src'), { recursive: true }, onChange(join(REPO_ROOT, 'src'))));

  return {
    server,
    url,
    close: async () => {
      watchers.forEach((w) => w.close());
      for (const c of clients) c.end();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
    },
  };
}

/**
 * Watches the decks' folder: its own entries, and each sub-folder recursively — but not node_modules, dot-folders
 * (.kowakunai-cache) or the site being written, which sit there when a talk lives in a project's top folder.
 * Watching all of node_modules recursively would walk thousands of folders. A sub-folder made while serving (a new
 * deck) is watched from its first event on.
 */
function watchDecks(slidesDir: string, outDir: string, onChange: (base: string) => (event: string, name: string | Buffer | null) => void): FSWatcher[] {
  const watched = new Set<string>();
  const watchers: FSWatcher[] = [];
  const watchFolder = (name: string): void => {
    const path = join(slidesDir, name);
    if (watched.has(path) || name.startsWith('.') || name === 'node_modules' || path === outDir) return;
    try {
      if (!statSync(path).isDirectory()) return;
      watchers.push(watch(path, { recursive: true }, onChange(path)));
      watched.add(path);
    } catch {
      // gone again (an editor's temporary folder)
    }
  };
  const top = onChange(slidesDir);
  watchers.push(
    watch(slidesDir, (event, name) => {
      if (name) watchFolder(name.toString());
      top(event, name);
    }),
  );
  for (const entry of readdirSync(slidesDir)) watchFolder(entry);
  return watchers;
}
