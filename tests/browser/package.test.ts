/**
 * The package as someone else gets it: `npm pack`, installed into an empty folder outside this repository (from
 * npm's cache, as `npm ci` left it). There `kowakunai new`, `build` and `check` run from the compiled JavaScript
 * alone, `kowakunai preview` serves the site, and the new deck's cell runs in Chromium.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from './chromium.js';

const repo = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'kowakunai-pack-'));
const project = join(work, 'my-talks');
let tarball = '';
let browser: Browser | undefined;
let preview: ChildProcess | undefined;

// npm test's own npm_* settings (prefix, package) must not leak into the npm and npx started here
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_|^NODE_PATH$/i.test(k)));

function run(cmd: string, args: string[], cwd: string, timeout = 240_000) {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, KOWAKUNAI_NO_OPEN: '1' }, encoding: 'utf8', timeout });
  return { ...r, all: `${r.stdout}\n${r.stderr}` };
}

beforeAll(() => {
  const packed = run('npm', ['pack', '--pack-destination', work], repo);
  expect(packed.status, packed.all).toBe(0);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-talks', private: true }));
  const installed = run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project, 300_000);
  expect(installed.status, installed.all).toBe(0);
}, 360_000);

afterAll(async () => {
  if (preview) stop(preview);
  await browser?.close();
  // the install is some 150 MB of node_modules
  rmSync(work, { recursive: true, force: true });
});

test('the package ships compiled JavaScript only, and nothing of this repository', () => {
  const pkg = join(project, 'node_modules', 'kowakunai');
  expect(existsSync(join(pkg, 'lib', 'kowakunai.mjs'))).toBe(true);
  expect(existsSync(join(pkg, 'src'))).toBe(false);
  const files = readdirSync(pkg, { recursive: true }).map(String);
  expect(files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  for (const f of files.filter((f) => /\.(mjs|js|json|html)$/.test(f))) expect(readFileSync(join(pkg, f), 'utf8'), f).not.toContain(repo);
  // tsx and the repository's TypeScript (7, the native port) are not needed to run it; twoslash blocks use
  // their own JS TypeScript, installed as typescript-twoslash
  expect(existsSync(join(project, 'node_modules', 'tsx'))).toBe(false);
  expect(existsSync(join(project, 'node_modules', 'typescript'))).toBe(false);
});

test('new, build and check work in the empty folder', () => {
  const made = run('npx', ['--no', 'kowakunai', 'new', 'my-talk'], project);
  expect(made.status, made.all).toBe(0);
  expect(existsSync(join(project, 'my-talk', 'index.mdx'))).toBe(true);
  const built = run('npx', ['--no', 'kowakunai', 'build', 'my-talk'], project);
  expect(built.status, built.all).toBe(0);
  expect(built.stdout).toMatch(/built 1 deck\(s\), 1 slides/);
  // the cell was recorded at build time
  expect(readFileSync(join(project, 'dist', 'my-talk', 'index.html'), 'utf8')).toContain('both in about 1 s');
  // the caches went beside the deck, not into node_modules
  expect(existsSync(join(project, '.kowakunai-cache', 'cells'))).toBe(true);
  // one offline file, from the prebuilt single-file client
  const single = run('npx', ['--no', 'kowakunai', 'build', 'my-talk', '--single-file'], project);
  expect(single.status, single.all).toBe(0);
  expect(single.stdout).toMatch(/dist\/my-talk\.html +[\d.]+ KB/);
  const html = readFileSync(join(project, 'dist', 'my-talk.html'), 'utf8');
  expect(html).toContain('both in about 1 s');
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
  const checked = run('npx', ['--no', 'kowakunai', 'check', 'my-talk'], project);
  expect(checked.status, checked.all).toBe(0);
  expect(checked.stdout).toMatch(/every slide fits \(1 deck/);
}, 600_000);

test('a twoslash block builds from the package: hovers on the slide, an unmarked error at its line', () => {
  const deck = join(project, 'typed.mdx');
  writeFileSync(deck, "---\ntitle: Typed\nlang: en\n---\n\n## Typed\n\n```ts twoslash\nimport { sleep } from 'kowakunai';\nconst s = sleep(1);\n```\n");
  const built = run('npx', ['--no', 'kowakunai', 'build', 'typed.mdx', '--out', 'typed-dist'], project);
  expect(built.status, built.all).toBe(0);
  const html = readFileSync(join(project, 'typed-dist', 'typed', 'index.html'), 'utf8');
  // sleep's hover: its doc comment from the cell API's types, and `s` typed by them
  expect(html).toMatch(/class="twoslash-hover" tabindex="0"><span class="twoslash-popup-container">(?:(?!twoslash-hover).)*asyncio\.sleep: pause this task/);
  expect(html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<')).toContain('const s: Awaitable<void>');
  expect(readdirSync(join(project, '.kowakunai-cache', 'twoslash')).length).toBeGreaterThan(0);
  writeFileSync(deck, readFileSync(deck, 'utf8').replace('sleep(1)', "sleep('1')"));
  const broken = run('npx', ['--no', 'kowakunai', 'build', 'typed.mdx', '--out', 'typed-dist'], project);
  expect(broken.status).toBe(1);
  expect(broken.all).toContain("typed.mdx:10:17: error: TypeScript error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'.");
}, 240_000);

function stop(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Starts a long-running kowakunai command and resolves with the first http://localhost URL it prints. */
function serve(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  // its own process group: npx does not pass a kill on to the command it started, the group is ended whole
  const child = spawn('npx', ['--no', 'kowakunai', ...args], { cwd: project, env: { ...env, KOWAKUNAI_NO_OPEN: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((ok, fail) => {
    const timer = setInterval(() => {
      const m = /http:\/\/localhost:\d+\//.exec(out);
      if (m) {
        clearInterval(timer);
        ok({ child, url: m[0], output: () => out });
      }
    }, 100);
    setTimeout(() => fail(new Error(`no URL printed:\n${out}`)), 120_000);
    child.on('exit', (code) => fail(new Error(`kowakunai ${args[0]} exited with ${code}:\n${out}`)));
  });
}

test('dev serves the deck with live reload and rebuilds it when it is saved', async () => {
  const dev = await serve(['dev', 'my-talk', '--port', '0']);
  try {
    const html = await (await fetch(`${dev.url}my-talk/index.html`)).text();
    expect(html).toContain('name="kowakunai-dev"');
    const file = join(project, 'my-talk', 'index.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('## Hello', '## Hello again'));
    await expect.poll(dev.output, { timeout: 60_000, interval: 200 }).toMatch(/rebuilt \(my-talk\/index\.mdx\)/);
    expect(await (await fetch(`${dev.url}my-talk/index.html`)).text()).toContain('Hello again');
  } finally {
    stop(dev.child);
  }
}, 180_000);

test('preview serves the site and the new deck\'s cell runs in the browser', async () => {
  const served = await serve(['preview', '--port', '0']);
  preview = served.child;
  const url = served.url;
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${url}my-talk/index.html`);
  await page.waitForFunction(() => document.documentElement.classList.contains('deck-ready'));
  const cell = page.locator('live-cell[data-cell-id="hello"]');
  await cell.locator('button[data-action="run"]').click();
  await expect.poll(() => cell.getAttribute('data-runs')).toBe('1');
  await expect.poll(() => cell.getAttribute('data-state'), { timeout: 60_000, interval: 200 }).toBe('done');
  expect(await cell.locator('[data-role="output"]').textContent()).toMatch(/A done[\s\S]*B done/);
}, 240_000);
