/** `npm run build` as a user runs it: bad input exits non-zero and points at file:line:col. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

function build(decks: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-cli-'));
  for (const [name, body] of Object.entries(decks)) {
    mkdirSync(join(root, 'slides', name), { recursive: true });
    writeFileSync(join(root, 'slides', name, 'index.mdx'), body);
  }
  // what `npm run build` runs: the CLI bundled once by bin/kowakunai.mjs, no tsx
  const run = spawnSync(process.execPath, ['bin/kowakunai.mjs', 'build', join(root, 'slides'), '--out', join(root, 'dist')], {
    encoding: 'utf8',
    // a small deck builds in ~1 s; the slack is for a fresh clone's first esbuild start on a loaded machine
    timeout: 120_000,
  });
  return { ...run, root };
}

test('a good deck builds and the summary names decks, slides, assets and time', () => {
  const r = build({ ok: '---\ntitle: OK\nlang: en\n---\n\n# One\n\n---\n\n# Two\n' });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/ok\s+2 slides/);
  expect(r.stdout).toMatch(/assets\/deck\.js\s+[\d.]+ KB\s+[\d.]+ KB/);
  expect(r.stdout).toMatch(/built 1 deck\(s\), 2 slides in \d+\.\d\d s/);
});

test('every broken deck is reported with file:line:col and the build exits non-zero', () => {
  const r = build({
    syntax: '---\ntitle: S\nlang: en\n---\n\n# One\n\n<Columns>\n\n{oops\n',
    image: '---\ntitle: I\nlang: en\n---\n\n# One\n\n![a cat](./cat.png)\n',
    frontmatter: '---\ntitle: F\nlang: en\ntheme: neon\n---\n\n# One\n',
    cell: '---\ntitle: C\nlang: en\n---\n\n# One\n\n```ts cell\nconst x = ;\n```\n',
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/slides\/syntax\/index\.mdx:\d+:\d+: error: /);
  expect(r.stderr).toMatch(/slides\/image\/index\.mdx:8:1: error: image not found: \.\/cat\.png/);
  expect(r.stderr).toMatch(/slides\/frontmatter\/index\.mdx:4:1: error: frontmatter field "theme"/);
  // the cell's code starts on line 9 of the deck; the error is at its column
  expect(r.stderr).toMatch(/slides\/cell\/index\.mdx:9:11: error: cell "cell-1": /);
  expect(r.stderr).toMatch(/build failed: 4 error\(s\)/);
  // a code frame points at the spot
  expect(r.stderr).toMatch(/> +9 \| const x = ;\n +\| +\^/);
});

test('a cell too long for a slide builds, with a warning naming the file, the line, the cell and why', () => {
  const body = Array.from({ length: 40 }, (_, i) => `print('line ${i + 1}')`).join('\n');
  const r = build({ long: `---\ntitle: L\nlang: en\n---\n\n## Long\n\n\`\`\`ts cell id="long"\nimport { print } from 'kowakunai';\n${body}\n\`\`\`\n` });
  expect(r.status, r.stderr).toBe(0);
  // the code starts on line 9, under the opening fence
  expect(r.stdout).toMatch(/slides\/long\/index\.mdx:9:1: warning: cell "long" does not fit: 41 lines need [\d.]+ px code; at the 16 px floor 23 lines fit a slide/);
});

test('npm start serves the Japanese talk on $PORT and prints its URL', async () => {
  const { spawn } = await import('node:child_process');
  const port = 20000 + Math.floor(Math.random() * 20000);
  // what `npm start` runs: kowakunai dev, $PORT honoured as before
  const child = spawn(process.execPath, ['bin/kowakunai.mjs', 'dev'], {
    env: { ...process.env, PORT: String(port), KOWAKUNAI_NO_OPEN: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    await new Promise<void>((resolve, reject) => {
      // on a fresh clone npm start records every talk cell first (Python ones in Chromium) while the other unit
      // test files run beside it: 50 s measured on an idle 2-core machine, so 90 s was the first limit a slower one hit
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 240_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('the talk:')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
    });
    expect(out).toContain(`http://localhost:${port}/asyncio-ja/index.html`);
    const res = await fetch(`http://localhost:${port}/asyncio-ja/index.html`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ja"');
    expect(html).toContain('name="kowakunai-dev"');
    const reload = await fetch(`http://localhost:${port}/__kowakunai/dev-reload.js`);
    expect(reload.status).toBe(200);
    expect(await reload.text()).toContain('/__kowakunai/events');
    // what npm start wrote to dist/ is what a publisher uploads: no dev marker in any page, no reload client in the
    // deck's script (chunks are not cleaned between builds, so a stale one from an older build proves nothing)
    const pages = readdirSync('dist', { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.html'))
      .map((f) => join(f.parentPath, f.name));
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.filter((f) => /kowakunai-dev|\/__kowakunai\//.test(readFileSync(f, 'utf8')))).toEqual([]);
    expect(readFileSync('dist/assets/deck.js', 'utf8')).not.toMatch(/dev-reload|\/__kowakunai\//);
    const slow = await fetch(`http://localhost:${port}/api/slow?delay=0`);
    expect(slow.headers.get('x-kowakunai-slow-api')).toBe('1');
  } finally {
    child.kill('SIGTERM');
  }
}, 300_000);
