/** npm run preview — serve the built dist/ as a static host would, plus the slow API the demos call. */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createSlowApi } from '../src/node/server/slow-api.js';
import { serveStatic } from '../src/node/server/static.js';

const port = Number(process.env.PORT ?? 4173);
const root = process.env.KOWAKUNAI_OUT ?? 'dist';
if (!existsSync(`${root}/index.html`)) {
  console.error(`${root}/index.html not found: run \`npm run build\` first`);
  process.exit(1);
}
const slowApi = createSlowApi();
const server = createServer((req, res) => {
  if (!slowApi.handle(req, res)) void serveStatic(root, req, res);
});
server.listen(port, '127.0.0.1', () => console.log(`serving ${root}/ on http://localhost:${port}/ (Ctrl+C to stop)`));
