import { createServer } from 'node:http';
import { serveStatic } from '../server/static.js';

export interface LocalSite {
  /** http://127.0.0.1:<port>/ — always ends with a slash */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built site on an ephemeral 127.0.0.1 port, the way a static host would. Pages are
 * printed from http://, never file://: module scripts, fonts and the wasm refuse file:// origins.
 */
export async function serveSite(root: string): Promise<LocalSite> {
  const server = createServer((req, res) => void serveStatic(root, req, res));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('local server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
