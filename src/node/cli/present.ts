/**
 * kowakunai present — build, serve on the local network for a talk, and print the remote, presenter and audience
 * URLs (QR codes for the first two). Listening beyond this machine is what this verb is for, and it says so.
 */
import { renderUnicodeCompact } from 'uqr';
import { startPresenting } from '../server/present.js';
import { progressLine } from '../progress.js';
import { decksFor, defaultDeck } from './decks.js';
import { portOption, UsageError, type Verb, outOption } from './verb.js';

export const present: Verb = {
  name: 'present',
  summary: 'Present on the local network: a phone remote, the presenter\'s deck, and an audience that follows.',
  args: '[deck.mdx | deck-folder | folder-of-decks …] [options]',
  options: {
    deck: { type: 'string', value: 'id', help: 'the deck presented (default: asyncio-ja here, else the first deck)' },
    host: { type: 'string', value: 'addr', help: 'where to listen (default: 0.0.0.0, every interface; 127.0.0.1 keeps it on this machine)' },
    port: { type: 'string', value: 'n', help: 'port (default: $PORT, else 3030)' },
    out: { type: 'string', value: 'dir', help: 'where the site is written (default: dist)' },
  },
  details: [
    'Control (moving the deck, running cells) needs a key made fresh at every start; it is in the remote and',
    'presenter URLs only. Requests without it are refused (401) and logged. The audience URL holds no key.',
  ],
  async run({ values, positionals }) {
    const selection = await decksFor(positionals);
    const port = portOption(values.port, 3030);
    const wanted = typeof values.deck === 'string' ? values.deck : defaultDeck(selection.ids);
    if (!wanted || !selection.ids.includes(wanted)) {
      throw new UsageError(`no deck "${wanted ?? ''}" to present (decks: ${selection.ids.join(', ') || 'none'})`);
    }
    const presenting = await startPresenting({
      slidesDir: selection.slidesDir,
      decks: selection.decks,
      outDir: outOption(values.out),
      host: typeof values.host === 'string' ? values.host : (process.env.HOST ?? '0.0.0.0'),
      port,
      deck: wanted,
      log: (line) => console.log(`[present] ${line}`),
      progress: progressLine(),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        console.error(`kowakunai present: port ${port} is already in use — pick another: --port ${port + 1}`);
        process.exit(1);
      }
      throw error;
    });
    const { urls, address } = presenting;
    const qr = (url: string) => renderUnicodeCompact(url, { border: 1 });
    const lan = address !== 'localhost';
    console.log(`
kowakunai is presenting on ${lan ? `the local network at ${address}:${presenting.port}` : `this machine only (localhost:${presenting.port})`}.
${lan ? `Listening on every interface of this machine. Exposed to everyone on these networks: the built site (every
deck, read-only), the audience's follow stream (slide positions, the presenter's cell runs, the laser dot), the
remote's page (no key in it) and the slow API. Control needs the key in the first two URLs — new at every start;
a request without it is refused (401) and logged here. --host 127.0.0.1 keeps it on this machine. Ctrl+C stops.` : ''}

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
    await new Promise(() => {}); // serves until stopped
    return 0;
  },
};
