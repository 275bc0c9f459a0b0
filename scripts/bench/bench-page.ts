/** What the browser benches share: a built site served like `npm run preview`, Chromium, and a click-to-output clock. */
import { createServer } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSlowApi } from '../../src/node/server/slow-api.js';
import { serveStatic } from '../../src/node/server/static.js';
import { chromePath, CHROME_ARGS } from '../../tests/browser/chromium.js';

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface ServedSite {
  url: string;
  browser: Browser;
  /** a 1280×720 page that can take functions in evaluate (see below) */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Serves `outDir` with the slow API on an ephemeral port and launches the system Chromium. */
export async function serveSite(outDir: string): Promise<ServedSite> {
  const api = createSlowApi();
  const server = createServer((req, res) => api.handle(req, res) || void serveStatic(outDir, req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
  return {
    url: `http://localhost:${port}/`,
    browser,
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      // tsx keeps function names with a helper the page lacks: functions passed to evaluate need it
      await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      return page;
    },
    async close() {
      await browser.close();
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * Click Run → the first output line of this run, in ms, measured in the page. The recorded lines are on
 * show before the click, so it waits for a line the run adds; then for the run to end.
 */
export async function clickToFirstLine(page: Page, id: string, timeoutMs = 10_000): Promise<number> {
  return page.evaluate(
    async ([id, timeoutMs]) => {
      const cell = document.querySelector(`live-cell[data-cell-id="${id}"]`)!;
      const done = new Promise<number>((resolve, reject) => {
        setTimeout(() => reject(new Error(`no output from cell ${id} within ${timeoutMs} ms`)), timeoutMs);
        const obs = new MutationObserver((records) => {
          if (records.some((r) => [...r.addedNodes].some((n) => n.nodeName === 'LI'))) {
            obs.disconnect();
            resolve(performance.now());
          }
        });
        obs.observe(cell, { childList: true, subtree: true });
      });
      const t0 = performance.now();
      (cell.querySelector('[data-action="run"]') as HTMLButtonElement).click();
      const t1 = await done;
      await new Promise<void>((r) => {
        const check = () => (cell.getAttribute('data-state') === 'running' ? setTimeout(check, 20) : r());
        check();
      });
      return t1 - t0;
    },
    [id, timeoutMs] as const,
  );
}
