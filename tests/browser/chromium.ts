import { chromium, type Browser } from 'playwright-core';
import { CHROME_ARGS as EXPORT_ARGS, findBrowser, NoBrowserError } from '../../src/node/pdf/browser.js';

/** The system Chromium: $CHROME_PATH, else Debian's /usr/bin/chromium (the same lookup `npm run pdf` uses). */
export function chromePath(): string {
  try {
    return findBrowser().path;
  } catch (e) {
    if (e instanceof NoBrowserError) {
      throw new Error(`The browser tests need Chrome or Chromium.\n${e.message.split('\n').slice(1).join('\n')}`);
    }
    throw e;
  }
}

/** kowakunai's own flags for every Chromium it starts (no network of its own, no throttling of any page's timers). */
export const CHROME_ARGS = EXPORT_ARGS;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS, headless: true });
}
