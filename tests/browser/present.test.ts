/**
 * Presenting mode in real Chromium: presenter, remote and audience each in a browser context of their own (no
 * shared storage, cookies or BroadcastChannel), talking only through the presenting server.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { startPresenting, type Presenting } from '../../src/node/server/present.js';
import { launchChromium } from './chromium.js';
import { cellLocator, goToCell, slideWhere } from './page-helpers.js';

const distDir = inject('distDir');
let browser: Browser;
let presenting: Presenting;
const logs: string[] = [];
let presenter: Page;
let audience: Page;
let audienceContext: BrowserContext;
/** every URL, request header and response body the audience's browser saw */
const audienceTraffic: string[] = [];

/** generous: the promise is 200 ms on a LAN (`npm run bench` measures it); a busy 2-core CI machine gets slack */
const FOLLOW_MS = 10_000;

async function openDeck(url: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  return { page, context };
}

const where = (page: Page) =>
  page.evaluate(() => {
    const d = (window as any).kowakunai.deck;
    const slide = d.getCurrentSlide() as HTMLElement;
    const same = d.getSlides().filter((s: HTMLElement) => s.dataset.section === slide.dataset.section);
    const i = d.getIndices();
    return { h: i.h as number, f: (i.f ?? -1) as number, section: slide.dataset.section, nth: same.indexOf(slide) as number };
  });

async function waitUntilAt(page: Page, h: number, f?: number): Promise<void> {
  await page.waitForFunction(
    ([h, f]) => {
      const i = (window as any).kowakunai.deck.getIndices();
      return i.h === h && (f === null || (i.f ?? -1) === f);
    },
    [h, f ?? null] as const,
    { timeout: FOLLOW_MS },
  );
}

beforeAll(async () => {
  presenting = await startPresenting({ outDir: distDir, build: false, host: '127.0.0.1', port: 0, deck: 'asyncio-ja', log: (l) => logs.push(l) });
  browser = await launchChromium();
  ({ page: presenter } = await openDeck(presenting.localUrls.presenter));
  const opened = await openDeck(presenting.localUrls.audience);
  audience = opened.page;
  audienceContext = opened.context;
  audienceContext.on('request', (r) => audienceTraffic.push(r.url(), JSON.stringify(r.headers())));
  audienceContext.on('response', (r) => {
    if (/text|json|javascript/.test(r.headers()['content-type'] ?? '') && !/event-stream/.test(r.headers()['content-type'] ?? '')) {
      void r.text().then((t) => audienceTraffic.push(t), () => undefined);
    }
  });
  await audience.waitForFunction(() => document.documentElement.dataset.presenting === 'follower');
});
afterAll(async () => {
  await browser?.close();
  await presenting?.close();
});

test('the presenter page takes the key out of its address bar', async () => {
  expect(await presenter.evaluate(() => document.documentElement.dataset.presenting)).toBe('presenter');
  expect(presenter.url()).not.toContain('key=');
});

test('the audience follows slides and steps', async () => {
  const stepped = await slideWhere(presenter, 'step');
  await presenter.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), stepped);
  await waitUntilAt(audience, stepped, -1);
  await presenter.keyboard.press('ArrowRight'); // shows the step
  const now = await where(presenter);
  expect(now.h).toBe(stepped);
  expect(now.f).toBe(0);
  await waitUntilAt(audience, stepped, 0);
  await presenter.keyboard.press('ArrowRight');
  await presenter.keyboard.press('ArrowRight');
  const later = await where(presenter);
  await waitUntilAt(audience, later.h, later.f);
});

test("the audience's demo shows the language the presenter switched to (T)", async () => {
  const twins = await presenter.evaluate(() => (window as any).kowakunai.deck.getSlides().findIndex((s: HTMLElement) => s.querySelector('.k-twins')));
  await presenter.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), twins);
  await waitUntilAt(audience, twins);
  const shown = (page: Page) => page.evaluate(() => (window as any).kowakunai.deck.getCurrentSlide().querySelector('.k-twins > [data-twin]:not([hidden])')?.dataset.twin);
  const before = await shown(presenter);
  expect(await shown(audience)).toBe(before);
  await presenter.keyboard.press('t');
  await expect.poll(() => shown(presenter)).not.toBe(before);
  const after = await shown(presenter);
  await expect.poll(() => shown(audience), { timeout: FOLLOW_MS }).toBe(after);
  await presenter.keyboard.press('t');
  await expect.poll(() => shown(audience), { timeout: FOLLOW_MS }).toBe(before);
});

test('a reader who looks around leaves follow mode, and the button brings them back', async () => {
  const plain = await slideWhere(presenter, 'plain');
  await presenter.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), plain);
  await waitUntilAt(audience, plain);
  await audience.keyboard.press('ArrowLeft');
  const button = audience.locator('.k-follow');
  await expect.poll(() => button.getAttribute('data-mode')).toBe('left');
  const looking = await where(audience);
  expect(looking.h).toBe(plain - 1);
  await presenter.keyboard.press('ArrowRight');
  const moved = await where(presenter);
  expect(moved.h).toBe(plain + 1);
  // not following: the reader stays where they went
  await audience.waitForTimeout(500);
  expect(await where(audience)).toEqual(looking);
  await button.click();
  await waitUntilAt(audience, moved.h, moved.f);
  expect(await button.getAttribute('data-mode')).toBe('live');
});

test("the remote's Next moves the presenter and the audience", async () => {
  await expect.poll(() => audience.locator('.k-follow').getAttribute('data-mode')).toBe('live');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const remote = await context.newPage();
  await remote.goto(presenting.localUrls.remote);
  await remote.locator('#remote[data-slide]').waitFor();
  expect(remote.url()).not.toContain('key=');
  await presenter.evaluate(() => (window as any).kowakunai.deck.slide(20, 0, -1));
  await waitUntilAt(audience, 20);
  await remote.waitForFunction(() => document.querySelector('#remote')?.getAttribute('data-slide') === '20', null, { timeout: FOLLOW_MS });
  await remote.locator('button[data-action="next"]').tap();
  await waitUntilAt(presenter, 21);
  await waitUntilAt(audience, 21);
  // the remote shows where the talk is: the notes and the next slide's title
  await remote.waitForFunction(() => document.querySelector('#remote')?.getAttribute('data-slide') === '21', null, { timeout: FOLLOW_MS });
  const notes = await presenter.evaluate(() => (window as any).kowakunai.deck.getCurrentSlide().querySelector('aside.notes')?.textContent?.trim().slice(0, 20));
  expect(notes, 'the slide the remote moved to has notes').toBeTruthy();
  expect(await remote.locator('.r-notes').textContent()).toContain(notes);
  await remote.locator('button[data-action="prev"]').tap();
  await waitUntilAt(presenter, 20);
  await waitUntilAt(audience, 20);
  // blackout from the remote
  await remote.locator('button[data-action="blackout"]').tap();
  await presenter.waitForFunction(() => (window as any).kowakunai.deck.isPaused(), null, { timeout: FOLLOW_MS });
  await remote.locator('button[data-action="blackout"]').tap();
  await presenter.waitForFunction(() => !(window as any).kowakunai.deck.isPaused(), null, { timeout: FOLLOW_MS });
  // the laser pad puts a dot on the presenter's slide and the audience's
  await remote.locator('button[data-action="laser"]').tap();
  const pad = remote.locator('.r-pad');
  const box = (await pad.boundingBox())!;
  await remote.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await remote.mouse.down();
  await remote.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.5, { steps: 3 });
  for (const page of [presenter, audience]) {
    await page.waitForFunction(() => {
      const dot = document.querySelector<HTMLElement>('.k-laser');
      return dot && !dot.hidden && parseFloat(dot.style.left) > 20 && parseFloat(dot.style.left) < 30;
    }, null, { timeout: FOLLOW_MS });
  }
  await remote.mouse.up();
  await audience.waitForFunction(() => document.querySelector<HTMLElement>('.k-laser')?.hidden, null, { timeout: FOLLOW_MS });
  await context.close();
});

test('a control request with no key, or a wrong one, is refused (401), logged, and moves nothing', async () => {
  const before = await where(presenter);
  const base = presenting.localUrls.audience.replace(/\/asyncio-ja\/.*/, '');
  const attempts: Record<string, string>[] = [{}, { 'x-kowakunai-key': 'wrong' }, { 'x-kowakunai-key': 'A'.repeat(32) }];
  for (const headers of attempts) {
    for (const route of ['command', 'state', 'run']) {
      const body = route === 'command' ? { action: 'next' } : route === 'state' ? { deck: 'asyncio-ja', pos: { section: 'title', nth: 0, h: 0, v: 0, f: -1 } } : { cell: 'x', run: 1, event: { type: 'started' } };
      const res = await fetch(`${base}/__kowakunai/present/${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      expect(res.status).toBe(401);
    }
  }
  const stream = await fetch(`${base}/__kowakunai/present/presenter?key=nope`);
  expect(stream.status).toBe(401);
  expect(logs.filter((l) => /refused POST .* \(401\)/.test(l)).length).toBeGreaterThanOrEqual(9);
  await presenter.waitForTimeout(500);
  expect(await where(presenter)).toEqual(before);
  expect(await where(audience)).toEqual(before);
});

test('a body over the limit is refused (413)', async () => {
  const base = presenting.localUrls.audience.replace(/\/asyncio-ja\/.*/, '');
  const key = new URL(presenting.localUrls.remote).searchParams.get('key')!;
  const res = await fetch(`${base}/__kowakunai/present/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kowakunai-key': key },
    body: JSON.stringify({ action: 'next', padding: 'x'.repeat(64 * 1024) }),
  }).catch(() => null);
  // refused: 413, or the connection closed while the body was still being sent; either way the server said why
  expect(res === null || res.status === 413).toBe(true);
  await expect.poll(() => logs.some((l) => /refused a command body over the size limit .*\(413\)/.test(l))).toBe(true);
});

test("an English follower of the Japanese presenter lands on the twin slide, at the same step", async () => {
  const { page: english, context } = await openDeck(presenting.localUrls.audience.replace('asyncio-ja', 'asyncio-en'));
  await english.waitForFunction(() => document.documentElement.dataset.presenting === 'follower');
  // a later slide of its section, with a step: section, rank and step all have to carry over
  const later = await slideWhere(presenter, 'step-later-in-section');
  await presenter.evaluate((i) => (window as any).kowakunai.deck.slide(i, 0, -1), later);
  await presenter.keyboard.press('ArrowRight');
  const ja = await where(presenter);
  expect(ja.nth).toBeGreaterThan(0);
  expect(ja.f).toBe(0);
  await english.waitForFunction(
    ([section, nth, f]) => {
      const d = (window as any).kowakunai.deck;
      const slide = d.getCurrentSlide() as HTMLElement;
      const same = d.getSlides().filter((s: HTMLElement) => s.dataset.section === slide.dataset.section);
      return slide.dataset.section === section && same.indexOf(slide) === nth && (d.getIndices().f ?? -1) === f;
    },
    [ja.section, ja.nth, ja.f] as const,
    { timeout: FOLLOW_MS },
  );
  expect(await english.evaluate(() => document.documentElement.lang)).toBe('en');
  await context.close();
});

test("a phone in the audience reads along: the reader scrolls to the presenter's slide", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto(presenting.localUrls.audience);
  await phone.waitForFunction(() => document.documentElement.classList.contains('k-reader') && document.documentElement.dataset.presenting === 'follower');
  await presenter.evaluate(() => (window as any).kowakunai.deck.slide(33, 0, -1));
  const section = await presenter.evaluate(() => (window as any).kowakunai.deck.getCurrentSlide().dataset.section);
  await phone.waitForFunction(() => Math.abs(document.querySelectorAll('.slides > section')[33].getBoundingClientRect().top) < 5, null, { timeout: FOLLOW_MS });
  expect(await phone.evaluate(() => (document.querySelectorAll('.slides > section')[33] as HTMLElement).dataset.section)).toBe(section);
  await context.close();
});

test('a follower that loses the connection comes back on its own and lands on the current slide', async () => {
  const { page: follower, context } = await openDeck(presenting.localUrls.audience);
  await follower.waitForFunction(() => document.querySelector('.k-follow')?.getAttribute('data-mode') === 'live', null, { timeout: FOLLOW_MS });
  // the Wi-Fi drops for this follower: no new connection, and its stream is cut
  await context.setOffline(true);
  presenting.server.closeAllConnections();
  await follower.waitForFunction(() => document.querySelector('.k-follow')?.getAttribute('data-mode') === 'connecting', null, { timeout: FOLLOW_MS });
  await presenter.evaluate(() => (window as any).kowakunai.deck.slide(30, 0, -1));
  await context.setOffline(false);
  await waitUntilAt(follower, 30);
  expect(await follower.locator('.k-follow').getAttribute('data-mode')).toBe('live');
  await context.close();
});

test("the remote's Run runs the presenter's cell; the run shows on the follower, marked as the presenter's, and nothing runs there", async () => {
  // the demos' TypeScript cell (demos 1 → 2 → 3 are one cell that morphs; it opens on demo 1)
  const id = 'await-one-by-one';
  await goToCell(presenter, id);
  // the demo's TypeScript pane (Python is shown first)
  if (await cellLocator(presenter, id).isHidden()) await presenter.keyboard.press('t');
  const follower = cellLocator(audience, id);
  // the remote's Run runs the slide's cell on the presenter's machine
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const remote = await context.newPage();
  await remote.goto(presenting.localUrls.remote);
  const runButton = remote.locator('button[data-action="run"]');
  await expect.poll(() => runButton.isEnabled(), { timeout: FOLLOW_MS }).toBe(true);
  await runButton.tap();
  await audience.waitForFunction((id) => document.querySelector(`live-cell[data-cell-id="${id}"]`)?.getAttribute('data-presenter-run') !== null, id, { timeout: FOLLOW_MS });
  // as it happens: the follower's copy is running while the presenter's is
  await audience.waitForFunction((id) => document.querySelector(`live-cell[data-cell-id="${id}"]`)?.getAttribute('data-state') === 'running', id, { timeout: FOLLOW_MS });
  await presenter.waitForFunction((id) => document.querySelector(`live-cell[data-cell-id="${id}"]`)?.getAttribute('data-state') === 'done', id, { timeout: 60_000 });
  await audience.waitForFunction((id) => document.querySelector(`live-cell[data-cell-id="${id}"]`)?.getAttribute('data-state') === 'done', id, { timeout: FOLLOW_MS });
  const mirrored = await follower.evaluate((cell) => ({
    lines: [...cell.querySelectorAll('[data-role="output"] li')].map((l) => l.textContent),
    status: cell.querySelector('[data-role="status"]')?.textContent,
    elapsed: cell.querySelector('[data-role="elapsed"]')?.textContent,
    bars: cell.querySelectorAll('[data-role="timeline"] rect').length,
  }));
  const original = await cellLocator(presenter, id).evaluate((cell) => ({
    lines: [...cell.querySelectorAll('[data-role="output"] li')].map((l) => l.textContent),
    elapsed: cell.querySelector('[data-role="elapsed"]')?.textContent,
  }));
  expect(mirrored.lines.length).toBeGreaterThan(0);
  expect(mirrored.lines).toEqual(original.lines);
  expect(mirrored.elapsed).toBe(original.elapsed);
  expect(mirrored.status).toMatch(/発表者の実行/);
  expect(mirrored.bars).toBeGreaterThan(0);
  // the follower shows the pane the presenter ran
  expect(await follower.isVisible()).toBe(true);
  // nothing ran in the audience's page: no cell there started a run of its own (data-runs counts local runs)
  expect(await audience.locator('live-cell[data-runs]').count()).toBe(0);
  expect(await cellLocator(presenter, id).getAttribute('data-runs')).toBe('1');
  await context.close();
});

test('the audience page, its requests and the site files hold no key', async () => {
  const key = new URL(presenting.localUrls.remote).searchParams.get('key')!;
  expect(key.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
  const html = await audience.content();
  const storage = await audience.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
  expect(html).not.toContain(key);
  expect(storage).not.toContain(key);
  expect(audienceTraffic.length).toBeGreaterThan(3);
  expect(audienceTraffic.join('\n')).not.toContain(key);
  const files = (readdirSync(distDir, { recursive: true }) as string[]).filter((f) => /\.(html|js|css|json)$/.test(f));
  for (const f of files) if (statSync(join(distDir, f)).size < 5e6) expect(readFileSync(join(distDir, f), 'utf8').includes(key), f).toBe(false);
});
