/** npm start — build, serve on localhost with live reload, and open the Japanese talk. */
import { startDevServer } from '../src/server/dev-server.js';

const port = Number(process.env.PORT ?? 3000);
const dev = await startDevServer({ port });
const talk = 'asyncio-ja';
console.log(`\nkowakunai is serving on ${dev.url}`);
console.log(`  the talk:   ${dev.url}${talk}/   (S: speaker view, F: fullscreen, Esc: overview)`);
console.log(`  all decks:  ${dev.url}`);
console.log('watching slides/ and src/ — save a file and the page reloads. Ctrl+C to stop.');
const stop = () => void dev.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
