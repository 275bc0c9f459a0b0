/**
 * npm packages in cells, in a real browser: the fixture deck (tests/fixtures/decks/packages, beside its own
 * package.json) imports p-limit from node_modules. Its cell runs in the built site, runs again edited in the page,
 * runs from the single file opened from file://; a package gets no more of the DOM, storage or network than cell
 * code; an edit importing a package the deck did not bundle says so at the import's line. Nothing leaves localhost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { buildSingleFiles } from '../../src/node/pipeline/single-file.js';
import { launchChromium } from './chromium.js';
import { cellLocator as cell, goToCell, openPage, type WatchedPage } from './page-helpers.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
let deck: WatchedPage;
const requests: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
  deck = await openPage(browser, `${baseUrl}packages/index.html`);
  deck.context.on('request', (r) => requests.push(r.url()));
});
afterAll(async () => {
  await deck?.context.close();
  await browser?.close();
});

/** Runs a cell to its end; returns its state, output and error text. */
async function run(page: Page, id: string) {
  await goToCell(page, id);
  const c = cell(page, id);
  const runs = Number((await c.getAttribute('data-runs')) ?? 0);
  await c.locator('[data-action="run"]').click();
  await expect.poll(async () => Number(await c.getAttribute('data-runs')), { timeout: 10_000 }).toBe(runs + 1);
  await expect.poll(() => c.getAttribute('data-state'), { timeout: 30_000, interval: 50 }).not.toBe('running');
  return {
    state: await c.getAttribute('data-state'),
    output: (await c.locator('[data-role="output"]').textContent()) ?? '',
    error: (await c.locator('[data-role="error"]').textContent()) ?? '',
    elapsed: (await c.locator('[data-role="elapsed"]').textContent()) ?? '',
  };
}

describe('a cell that imports p-limit', () => {
  test('no package, and no type checker, is loaded before a cell or an editor needs one', async () => {
    expect(requests.filter((u) => /\/assets\/(packages\/|types-worker|ts-lib)/.test(u))).toEqual([]);
  });

  test('runs in the built site: two jobs at a time, the bundle from the deck\'s own host', async () => {
    const r = await run(deck.page, 'p-limit');
    expect(r.state).toBe('done');
    expect(r.output).toContain('job 4 done');
    expect(await cell(deck.page, 'p-limit').locator('[data-role="return-value"]').textContent()).toContain('[10, 20, 30, 40]');
    // four 0.3 s jobs two at a time take two rounds; without the limit they would take one
    const [, n, unit] = /([\d.]+)\s*(ms|s)\b/.exec(r.elapsed) ?? [];
    expect(Number(n) * (unit === 's' ? 1000 : 1)).toBeGreaterThan(550);
    expect(requests.filter((u) => u.includes('/assets/packages/p-limit-'))).toHaveLength(1);
    expect(deck.offsite).toEqual([]);
  });

  test('a package reaches no more than cell code: no DOM, no parent page, no storage, no network', async () => {
    const r = await run(deck.page, 'reach-out');
    expect(r.state).toBe('done');
    expect(r.output).toContain('document: none');
    expect(r.output).toContain('parent page: none');
    expect(r.output).toContain('localStorage: none');
    expect(r.output).toContain('indexedDB: refused (SecurityError)'); // an opaque origin has no storage
    expect(r.output).toMatch(/network: refused/);
    expect(await deck.page.title()).not.toBe('taken over');
  });

  test('edited in the page, it imports the same package; an import the deck did not bundle is refused at its line', async () => {
    const { page } = deck;
    await goToCell(page, 'p-limit');
    const c = cell(page, 'p-limit');
    await c.locator('[data-role="code"] .line').first().click();
    await page.waitForSelector('live-cell[data-cell-id="p-limit"] .cm-editor');
    await page.keyboard.press('Control+End');
    await page.keyboard.type("\nprint(`limit ${limit.concurrency}`);");
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => c.getAttribute('data-state'), { timeout: 60_000, interval: 100 }).toBe('done');
    expect(await c.locator('[data-role="output"]').textContent()).toContain('limit 2');

    // frontmatter `packages: [yocto-queue]`: bundled for edits though no cell imports it
    await page.keyboard.press('Control+Home');
    await page.keyboard.type("import Queue from 'yocto-queue';\n");
    await page.keyboard.press('Control+End');
    await page.keyboard.type("\nprint(`queue ${new Queue().size}`);");
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => c.getAttribute('data-state'), { timeout: 30_000, interval: 100 }).toBe('done');
    expect(await c.locator('[data-role="output"]').textContent()).toContain('queue 0');

    // (used: an import nothing uses is dropped by the compiler, and asks for nothing)
    await page.keyboard.press('Control+Home');
    await page.keyboard.type("import { z } from 'zod';\n");
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nprint(z);');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => c.getAttribute('data-state'), { timeout: 30_000, interval: 100 }).toBe('error');
    const error = (await c.locator('[data-role="error"]').textContent()) ?? '';
    expect(error).toMatch(/^line 1, column \d+: 'zod' is not available in this deck/);
    expect(error).toContain('npm install zod');
    await c.locator('[data-action="reset"]').click();
    expect(deck.offsite).toEqual([]);
  });
});

/** Rests the mouse on `target` (arriving from beside it, so CodeMirror sees it move) until a hover tooltip shows. */
async function hoverText(page: Page, target: Locator): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        const box = (await target.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height + 40);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
        const tip = page.locator('.cm-tooltip-hover');
        await tip.first().waitFor({ timeout: 3_000 }).catch(() => undefined);
        text = (await tip.allTextContents()).join('\n');
        return text.length > 0;
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);
  return text;
}

describe('the editor knows the types', () => {
  test("a call that is wrong against p-limit's own .d.ts is underlined; hover shows types, completion the package's members", async () => {
    const { page } = deck;
    await goToCell(page, 'p-limit');
    const c = cell(page, 'p-limit');
    if ((await c.getAttribute('data-modified')) !== null) await c.locator('[data-action="reset"]').click();
    await c.locator('[data-role="code"] .line').nth(3).click();
    await page.waitForSelector('live-cell[data-cell-id="p-limit"] .cm-editor');
    expect(await c.locator('.cm-lintRange-error').count()).toBe(0); // the cell as built is clean
    await page.keyboard.press('Control+End');
    await page.keyboard.type("\nconst wrong = pLimit('two');");
    const underline = c.locator('.cm-lintRange-error');
    await expect.poll(() => underline.count(), { timeout: 90_000, interval: 200 }).toBeGreaterThan(0);
    expect(await underline.first().textContent()).toBe("'two'");
    expect(await hoverText(page, underline.first())).toContain("not assignable to parameter of type 'number | Options'");
    // over kowakunai's API: its signature and doc from kowakunai.d.ts
    const sleep = c.locator('.cm-line', { hasText: 'await sleep(0.3)' }).locator('text=sleep').first();
    expect(await hoverText(page, sleep)).toMatch(/sleep\(seconds\?: number\): Awaitable<void>[\s\S]*asyncio\.sleep/);

    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nlimit.');
    await expect.poll(() => page.locator('.cm-tooltip-autocomplete li').allTextContents(), { timeout: 10_000 }).toEqual(
      expect.arrayContaining(['activeCount', 'concurrency', 'pendingCount', 'clearQueue']),
    );
    await page.keyboard.press('Escape');
    // the checker runs off the main thread, in its own worker
    expect(requests.some((u) => u.endsWith('/assets/types-worker.js'))).toBe(true);
    await c.locator('[data-action="reset"]').click();
  });
});

describe('the single file', () => {
  const out = mkdtempSync(join(tmpdir(), 'kowakunai-single-pkgs-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('inlines the package and runs the cell from file://, asking for nothing but its own file', async () => {
    const [file] = await buildSingleFiles({ slidesDir: resolve('tests/fixtures/decks'), outDir: out, decks: ['packages'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const asked: string[] = [];
    context.on('request', (r) => asked.push(r.url()));
    const page = await context.newPage();
    await page.goto(pathToFileURL(file!.file).href);
    await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
    const r = await run(page, 'p-limit');
    expect(r.state).toBe('done');
    expect(r.output).toContain('job 4 done');
    expect(asked.filter((u) => !/^(file|data|blob):/.test(u))).toEqual([]);
    await context.close();
  });
});
