import { accessSync, constants } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Where Debian, Ubuntu and Chrome's own packages put the browser; tried after $CHROME_PATH. */
export const DEFAULT_BROWSER_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * How to look for a browser. Everything is injectable so a test can make "no browser anywhere"
 * happen on a machine that has one.
 */
export interface BrowserLookup {
  /** default: process.env (only CHROME_PATH is read) */
  env?: Record<string, string | undefined>;
  /** tried in order after $CHROME_PATH; default DEFAULT_BROWSER_PATHS */
  candidates?: readonly string[];
  /** default: the file exists and is executable */
  isExecutable?: (path: string) => boolean;
}

/** No usable Chrome/Chromium: the message says what was tried and how to get one. */
export class NoBrowserError extends Error {
  constructor(readonly tried: string[], readonly chromePath?: string) {
    super(
      [
        'No Chrome or Chromium found to print the PDFs.',
        chromePath !== undefined ? `  CHROME_PATH is set to ${chromePath}, but there is no executable there.` : '  CHROME_PATH is not set.',
        `  Also tried: ${tried.filter((p) => p !== chromePath).join(', ') || '(nothing else)'}`,
        'Install one — Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome —',
        'or point CHROME_PATH at its executable, e.g. CHROME_PATH=/path/to/chrome npm run pdf',
      ].join('\n'),
    );
    this.name = 'NoBrowserError';
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface FoundBrowser {
  path: string;
  /** set when $CHROME_PATH was given but unusable and a fallback was taken: worth telling the user */
  warning?: string;
}

/** $CHROME_PATH, else the first executable candidate; throws NoBrowserError when there is none. */
export function findBrowser(lookup: BrowserLookup = {}): FoundBrowser {
  const env = lookup.env ?? process.env;
  const isExecutable = lookup.isExecutable ?? executable;
  const fromEnv = env.CHROME_PATH?.trim() || undefined;
  const tried = [...(fromEnv ? [fromEnv] : []), ...(lookup.candidates ?? DEFAULT_BROWSER_PATHS)];
  const path = tried.find((p) => isExecutable(p));
  if (!path) throw new NoBrowserError(tried, fromEnv);
  const warning = fromEnv && path !== fromEnv ? `CHROME_PATH=${fromEnv} is not an executable; using ${path} instead` : undefined;
  return { path, warning };
}

/**
 * Flags for every headless Chromium kowakunai starts (an export, the fit check, recording Python cells, the tests):
 * no network of its own (updates, sync, QUIC), no sandbox (root in containers), and no throttling of background or
 * occluded pages, so fonts and images finish loading promptly and the timers a demo is measured with run at full speed.
 */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--font-render-hinting=none',
];

/** Starts the browser; a file that is there but will not start as Chromium gets a short, clear error. */
export async function launchBrowser(path: string): Promise<Browser> {
  // loaded here, not at the top: importing playwright-core costs half a second, and every kowakunai command
  // (build, --help) is one bundle with this module in it
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath: path, args: CHROME_ARGS, headless: true, timeout: 60_000 });
  } catch (error) {
    // playwright's message carries a long call log; its first line says what went wrong
    const first = String((error as Error).message ?? error).split('\n')[0];
    throw new Error(`Could not start the browser at ${path}: ${first}\nIs it Chrome or Chromium? Set CHROME_PATH to another executable, or install one (Debian/Ubuntu: sudo apt-get install chromium).`);
  }
}
