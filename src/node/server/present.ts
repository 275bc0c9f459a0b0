/**
 * Presenting mode (`npm run present`): the built site on the local network, with a presenter who controls, a
 * phone remote, and an audience that follows. Sync is server-sent events (one stream per follower) plus small
 * POSTs for control; no dependency beyond Node's http. Control needs a key made fresh at each start; the audience's
 * pages and streams never carry it.
 */
import { networkInterfaces } from 'node:os';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  KEY_PARAM,
  PRESENT_BASE,
  PRESENT_MARKER,
  parseCommand,
  parseState,
  type FollowState,
  type MirroredRun,
  type PresenterState,
} from '../../shared/follow-protocol.js';
import { buildSite } from '../pipeline/site.js';
import type { ProgressLine } from '../progress.js';
import { createSlowApi } from './slow-api.js';
import { serveStatic } from './static.js';
import { BodyTooLarge, clientAddress, hasKey, newPresentKey, readJsonBody } from './present-auth.js';
import { bundleRemotePage } from './present-remote.js';
import { frame, SyncHub } from './sync-hub.js';

export interface PresentOptions {
  slidesDir?: string;
  outDir?: string;
  /** where to listen; default every interface ('0.0.0.0'): presenting on the LAN is what this mode is for */
  host?: string;
  /** default 3030; 0 picks a free port */
  port?: number;
  /** the deck presented; default asyncio-ja */
  deck?: string;
  /** build only these decks (default: every deck in slidesDir) */
  decks?: string[];
  /** build the site first (default true); false serves outDir as it is */
  build?: boolean;
  log?: (line: string) => void;
  /** progress of the build (src/node/progress.ts) */
  progress?: ProgressLine;
}

export interface PresentUrls {
  /** for the speaker's phone: holds the key */
  remote: string;
  /** the laptop's deck: holds the key */
  presenter: string;
  /** read-only, for anyone on the network: no key */
  audience: string;
}

export interface Presenting {
  server: Server;
  urls: PresentUrls;
  /** the same three on localhost, for the laptop itself */
  localUrls: PresentUrls;
  /** the address shown to phones: the machine's LAN address, or localhost when listening only there */
  address: string;
  port: number;
  /** followers connected right now */
  followers(): number;
  close(): Promise<void>;
}

const HTML_HEAD_TAGS = `${PRESENT_MARKER}\n<meta name="referrer" content="no-referrer">`;

export async function startPresenting(opts: PresentOptions = {}): Promise<Presenting> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const slidesDir = resolve(opts.slidesDir ?? 'slides');
  const outDir = resolve(opts.outDir ?? 'dist');
  const deck = opts.deck ?? 'asyncio-ja';
  const host = opts.host ?? '0.0.0.0';
  if (opts.build !== false) {
    const summary = await buildSite({ slidesDir, outDir, decks: opts.decks, progress: opts.progress?.step }).finally(() => opts.progress?.end());
    log(`built ${summary.decks.length} deck(s) in ${(summary.ms / 1000).toFixed(2)} s`);
  }
  if (!existsSync(join(outDir, deck, 'index.html'))) throw new Error(`no deck "${deck}" in ${outDir}`);

  const key = newPresentKey();
  const remotePage = await bundleRemotePage();
  const slowApi = createSlowApi();
  const followers = new SyncHub('follower', log);
  const presenters = new SyncHub('presenter', log);
  let state: PresenterState | null = null;
  let startedAt = 0;

  const followState = (s: PresenterState): FollowState => ({ ...s, serverNow: Date.now(), startedAt });

  const refuse = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    log(`refused ${req.method} ${path} from ${clientAddress(req)}: no key or a wrong one (401)`);
    res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' }).end('this needs the presenter key\n');
  };

  const control = async (req: IncomingMessage, res: ServerResponse, route: string): Promise<void> => {
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        log(`refused a ${route} body over the size limit from ${clientAddress(req)} (413)`);
        res.writeHead(413, { Connection: 'close' }).end('body too large\n');
        req.socket.destroySoon();
        return;
      }
      throw error;
    }
    if (route === 'state') {
      const next = parseState(body);
      if (!next) return void res.writeHead(400).end('bad state\n');
      state = next;
      followers.send('state', followState(next));
    } else if (route === 'run') {
      const run = body as MirroredRun | undefined;
      if (!run || typeof run.cell !== 'string' || typeof run.event?.type !== 'string') return void res.writeHead(400).end('bad run event\n');
      followers.send('run', run);
    } else {
      const command = parseCommand(body);
      if (!command) return void res.writeHead(400).end('bad command\n');
      presenters.send('command', command);
      if (command.action === 'pointer') followers.send('pointer', { on: command.on, x: command.x, y: command.y });
    }
    res.writeHead(204).end();
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!url.pathname.startsWith(PRESENT_BASE)) {
      if (slowApi.handle(req, res)) return;
      void serveStatic(outDir, req, res, (html) => (html.includes('class="reveal"') ? html.replace('</head>', `${HTML_HEAD_TAGS}\n</head>`) : html));
      return;
    }
    const route = url.pathname.slice(PRESENT_BASE.length);
    if (req.method === 'GET' && route === 'follow') {
      followers.open(req, res, state ? [frame('state', followState(state))] : []);
      return;
    }
    if (req.method === 'GET' && (route === 'remote/' || route === 'remote')) {
      if (route === 'remote') return void res.writeHead(301, { Location: `remote/${url.search}` }).end();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(remotePage.html(deck));
      return;
    }
    if (req.method === 'GET' && route === 'remote.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(remotePage.js);
      return;
    }
    // everything below controls the talk: the key, or nothing
    if (!['presenter', 'state', 'run', 'command'].includes(route)) return void res.writeHead(404).end('not found\n');
    if (!hasKey(req, url, key)) return refuse(req, res, url.pathname);
    if (route === 'presenter' && req.method === 'GET') {
      startedAt ||= Date.now();
      presenters.open(req, res);
      return;
    }
    if (req.method !== 'POST') return void res.writeHead(405).end();
    control(req, res, route).catch((error: unknown) => {
      log(`control request failed: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 3030, host, () => ok());
  });
  const info = server.address();
  const port = typeof info === 'object' && info ? info.port : (opts.port ?? 3030);
  const local = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const address = local ? 'localhost' : (lanAddress() ?? 'localhost');
  const urlsAt = (h: string): PresentUrls => {
    const base = `http://${h}:${port}`;
    return {
      remote: `${base}${PRESENT_BASE}remote/?${KEY_PARAM}=${key}`,
      presenter: `${base}/${deck}/index.html?${KEY_PARAM}=${key}`,
      audience: `${base}/${deck}/index.html`,
    };
  };
  return {
    server,
    urls: urlsAt(address),
    localUrls: urlsAt('localhost'),
    address,
    port,
    followers: () => followers.size,
    close: async () => {
      followers.close();
      presenters.close();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
    },
  };
}

/** The first IPv4 address of a network interface that is not loopback: what a phone on the same network reaches. */
export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}
