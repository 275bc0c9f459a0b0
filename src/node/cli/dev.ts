/** kowakunai dev — build, serve with live reload and the slow API, watch the decks; open the talk. */
import { spawn } from 'node:child_process';
import { startDevServer } from '../server/dev-server.js';
import { progressLine } from '../progress.js';
import { decksFor, defaultDeck } from './decks.js';
import { outOption, portOption, type Verb } from './verb.js';

export const dev: Verb = {
  name: 'dev',
  summary: 'Build, serve with live reload, and open the deck in your browser. Saving a deck reloads the page.',
  args: '[deck.mdx | deck-folder | folder-of-decks …] [options]',
  options: {
    port: { type: 'string', value: 'n', help: 'port (default: $PORT, else 3000)' },
    out: { type: 'string', value: 'dir', help: 'where the site is written (default: dist)' },
    'no-open': { type: 'boolean', help: 'do not open a browser (also: KOWAKUNAI_NO_OPEN=1, CI)' },
  },
  details: ['A broken file shows its error (file:line:col) here and over the page; the last good build keeps being served.'],
  async run({ values, positionals }) {
    const selection = await decksFor(positionals);
    const port = portOption(values.port, 3000);
    const progress = progressLine();
    progress.step(`building ${selection.ids.join(', ')}`);
    const dev = await startDevServer({ port, slidesDir: selection.slidesDir, decks: selection.decks, outDir: outOption(values.out), progress }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') {
          console.error(`kowakunai dev: port ${port} is already in use — stop the other server or pick another: --port ${port + 1}`);
          process.exit(1);
        }
        throw error;
      },
    );
    // this repository's talk first; else the first deck
    const first = defaultDeck(selection.ids);
    const talk = `${dev.url}${first ? `${encodeURIComponent(first)}/index.html` : ''}`;
    console.log(`\nkowakunai is serving on ${dev.url}`);
    console.log(`  the talk:   ${talk}   (S: speaker view, F: fullscreen, Esc: overview)`);
    console.log(`  all decks:  ${dev.url}`);
    console.log('watching the decks — save a file and the page reloads. Ctrl+C to stop.');
    // At a terminal, open the talk in the default browser; never in CI or when asked not to.
    if (process.stdout.isTTY && !process.env.CI && !process.env.KOWAKUNAI_NO_OPEN && !values['no-open']) {
      const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
      spawn(opener, [talk], { stdio: 'ignore', detached: true })
        .on('error', () => console.log(`(open ${talk} in your browser)`))
        .unref();
    }
    const stop = () => void dev.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    await new Promise(() => {}); // serves until stopped
    return 0;
  },
};
