/** kowakunai preview — serve a built site as a static host would, plus the slow API the demos call. */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';
import { createSlowApi } from '../server/slow-api.js';
import { serveStatic } from '../server/static.js';
import { portOption, UsageError, type Verb, outOption } from './verb.js';

export const preview: Verb = {
  name: 'preview',
  summary: 'Serve a built site (kowakunai build) as a static host would, plus the slow API the demos call.',
  args: '[options]',
  options: {
    out: { type: 'string', value: 'dir', help: 'the built site to serve (default: dist)' },
    port: { type: 'string', value: 'n', help: 'port (default: $PORT, else 4173)' },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`preview takes no decks, it serves what kowakunai build wrote: ${positionals.join(' ')}`);
    const root = outOption(values.out);
    const shown = relative(process.cwd(), root) || root;
    if (!existsSync(join(root, 'index.html'))) {
      console.error(`kowakunai preview: ${shown}/index.html not found: run kowakunai build first`);
      return 1;
    }
    const port = portOption(values.port, 4173);
    const slowApi = createSlowApi();
    const server = createServer((req, res) => {
      if (!slowApi.handle(req, res)) void serveStatic(root, req, res);
    });
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', () => ok()));
    const address = server.address();
    console.log(`serving ${shown}/ on http://localhost:${typeof address === 'object' && address ? address.port : port}/ (Ctrl+C to stop)`);
    await new Promise(() => {}); // serves until stopped
    return 0;
  },
};
