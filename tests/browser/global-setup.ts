import { cpSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../../src/node/pipeline/site.js';
import { createSlowApi } from '../../src/node/server/slow-api.js';
import { serveStatic } from '../../src/node/server/static.js';
import { chromePath } from './chromium.js';

/**
 * Builds the real site once into .cache/test-dist and serves it like `npm run preview` does
 * (static files plus the slow API) on an ephemeral localhost port.
 */
export default async function setup(project: TestProject) {
  chromePath(); // fail at once, with install advice, when there is no browser
  const outDir = resolve('.cache/test-dist');
  // the real decks plus test-only fixture decks (cells that loop forever, throw, flood …)
  const slidesDir = resolve('.cache/test-slides');
  rmSync(outDir, { recursive: true, force: true });
  rmSync(slidesDir, { recursive: true, force: true });
  mkdirSync(slidesDir, { recursive: true });
  for (const d of readdirSync('slides')) cpSync(resolve('slides', d), resolve(slidesDir, d), { recursive: true });
  for (const d of readdirSync('tests/fixtures/decks')) cpSync(resolve('tests/fixtures/decks', d), resolve(slidesDir, d), { recursive: true });
  // a deck written for another tool (Slidev), as its author keeps it: a folder with an index.md and its pictures
  cpSync('tests/fixtures/foreign', resolve(slidesDir, 'foreign-slidev'), { recursive: true, filter: (f) => !/\.mdx?$/.test(f) || f.endsWith('slidev.md') });
  renameSync(resolve(slidesDir, 'foreign-slidev', 'slidev.md'), resolve(slidesDir, 'foreign-slidev', 'index.md'));
  await buildSite({ outDir, slidesDir });
  const slowApi = createSlowApi();
  const server: Server = createServer((req, res) => {
    if (!slowApi.handle(req, res)) void serveStatic(outDir, req, res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  project.provide('baseUrl', `http://localhost:${port}/`);
  project.provide('distDir', outDir);
  return async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    distDir: string;
  }
}
