/**
 * npm run present — build, serve the site on the local network, print the remote, presenter and audience URLs
 * (with QR codes for the first two). `HOST=127.0.0.1` keeps it on this machine; PORT (3030) and DECK
 * (asyncio-ja) pick the port and the talk.
 */
import { renderUnicodeCompact } from 'uqr';
import { startPresenting } from '../src/node/server/present.js';

const presenting = await startPresenting({
  port: Number(process.env.PORT ?? 3030),
  host: process.env.HOST ?? '0.0.0.0',
  deck: process.env.DECK ?? 'asyncio-ja',
  log: (line) => console.log(`[present] ${line}`),
}).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`port ${process.env.PORT ?? 3030} is already in use — PORT=3031 npm run present`);
    process.exit(1);
  }
  throw error;
});
const { urls, address, port } = presenting;
const qr = (url: string) => renderUnicodeCompact(url, { border: 1 });
const lan = address !== 'localhost';
console.log(`
kowakunai is presenting on ${lan ? `the local network at ${address}:${port}` : `this machine only (localhost:${port})`}.
${lan ? `Listening on every interface of this machine. Exposed to everyone on these networks: the built site (every
deck, read-only), the audience's follow stream (slide positions, the presenter's cell runs, the laser dot), the
remote's page (no key in it) and the slow API. Control needs the key in the first two URLs — new at every start;
a request without it is refused (401) and logged here. HOST=127.0.0.1 keeps it on this machine. Ctrl+C stops.` : ''}

1. remote — open on your phone (keep it to yourself: it holds the key)
   ${urls.remote}
${qr(urls.remote)}
2. presenter — this laptop's deck (holds the key; the page moves it out of the address bar)
   ${presenting.localUrls.presenter}
   from another device: ${urls.presenter}
${qr(urls.presenter)}
3. audience — share this one (read-only; L switches to the twin language)
   ${urls.audience}
`);
const stop = () => void presenting.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
