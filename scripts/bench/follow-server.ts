/**
 * The presenting server alone in a process of its own, for the follow bench: its memory is then the server's,
 * not the 300 bench clients'. Reports { port, key } over IPC and answers 'memory' with process.memoryUsage().
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPresenting } from '../../src/node/server/present.js';

const site = mkdtempSync(join(tmpdir(), 'kowakunai-follow-bench-'));
mkdirSync(join(site, 'asyncio-ja'));
writeFileSync(join(site, 'asyncio-ja', 'index.html'), '<!doctype html><html><head></head><body><div class="reveal"></div></body></html>');
const presenting = await startPresenting({ outDir: site, build: false, host: '127.0.0.1', port: 0, log: () => {} });
process.send!({ port: presenting.port, key: new URL(presenting.urls.remote).searchParams.get('key') });
process.on('message', (m) => {
  if (m === 'memory') {
    global.gc?.();
    process.send!({ memory: process.memoryUsage(), followers: presenting.followers() });
  }
  if (m === 'stop') void presenting.close().then(() => process.exit(0));
});
