/** npm start — build, serve on localhost with live reload, and open the Japanese talk. */
import { spawn } from 'node:child_process';
import { startDevServer } from '../src/node/server/dev-server.js';

const port = Number(process.env.PORT ?? 3000);
const dev = await startDevServer({ port }).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`port ${port} is already in use — stop the other server or pick another: PORT=3001 npm start`);
    process.exit(1);
  }
  throw error;
});
const talk = `${dev.url}asyncio-ja/index.html`;
console.log(`\nkowakunai is serving on ${dev.url}`);
console.log(`  the talk:   ${talk}   (S: speaker view, F: fullscreen, Esc: overview)`);
console.log(`  all decks:  ${dev.url}`);
console.log('watching slides/ and src/ — save a file and the page reloads. Ctrl+C to stop.');

// At a terminal, open the talk in the default browser; never in CI or when asked not to.
if (process.stdout.isTTY && !process.env.CI && !process.env.KOWAKUNAI_NO_OPEN) {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [talk], { stdio: 'ignore', detached: true })
    .on('error', () => console.log(`(open ${talk} in your browser)`))
    .unref();
}

const stop = () => void dev.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
