/**
 * The slow API the HTTP demos call: GET …/api/slow?delay=ms answers after `delay` ms, and serves at most
 * SLOW_API_WORKERS requests at once — like a small server with three workers — the rest wait their turn (FIFO).
 * With `&rate_limit=1` it behaves like a rate-limited API instead: a request that finds every worker busy is refused
 * at once with 429 Too Many Requests.
 * Used by the dev and preview servers, and by the build-time recorder (src/node/pipeline/cells/record.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SLOW_API_PATH, SLOW_API_REFUSED_STATUS, SLOW_API_WORKERS } from '../../shared/types';
import { slowApiBody, slowApiDelay, slowApiRateLimited, slowApiRefusedBody } from '../../sandbox/slow-api-emulation';

export interface SlowApi {
  /** Serves the request if its path ends in /api/slow; returns false (touching nothing) otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export interface SlowApiOptions {
  /** default SLOW_API_WORKERS (3) */
  workers?: number;
}

export function createSlowApi(options: SlowApiOptions = {}): SlowApi {
  const workers = options.workers ?? SLOW_API_WORKERS;
  let busy = 0;
  const queue: (() => void)[] = [];

  const release = (): void => {
    const next = queue.shift();
    if (next) next();
    else busy--;
  };

  /** Calls `run` once a worker is free; a request whose client went away leaves the queue. */
  const acquire = (res: ServerResponse, run: () => void): void => {
    if (busy < workers) {
      busy++;
      run();
      return;
    }
    queue.push(run);
    res.on('close', () => {
      const i = queue.indexOf(run);
      if (i >= 0) queue.splice(i, 1);
    });
  };

  return {
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.endsWith('/' + SLOW_API_PATH)) return false;
      res.setHeader('Access-Control-Allow-Origin', '*'); // the sandbox's origin is null
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Kowakunai-Slow-Api', '1');
      res.setHeader('Access-Control-Expose-Headers', 'X-Kowakunai-Slow-Api');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', '*');
        res.writeHead(204).end();
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD, OPTIONS' }).end();
        return true;
      }
      const delay = slowApiDelay(url);
      if (slowApiRateLimited(url) && (busy >= workers || queue.length > 0)) {
        res.writeHead(SLOW_API_REFUSED_STATUS, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1' });
        res.end(req.method === 'HEAD' ? undefined : slowApiRefusedBody());
        return true;
      }
      const arrived = performance.now();
      acquire(res, () => {
        const picked = performance.now();
        let released = false;
        const done = (): void => {
          if (released) return;
          released = true;
          clearTimeout(timer);
          release();
        };
        const timer = setTimeout(() => {
          const body = slowApiBody(delay, picked - arrived, Date.now());
          res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(req.method === 'HEAD' ? undefined : body);
          done();
        }, delay);
        // a client that gives up frees its worker at once
        res.on('close', done);
      });
      return true;
    },
  };
}
