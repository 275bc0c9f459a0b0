/**
 * `npm run build` on decks that would otherwise build into something broken: each must fail the build with
 * file:line:col, and one bad deck must not hide another's problems.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';

const decks: Record<string, string> = {
  // lines:             1    2          3         4    5 6        7 8
  'dup-id': '---\ntitle: D\nlang: en\n---\n\n# One\n\n```ts cell id="same"\nconsole.log(1);\n```\n\n---\n\n# Two\n\n```ts cell id="same"\nconsole.log(2);\n```\n',
  'empty-slide': '---\ntitle: E\nlang: en\n---\n\n# One\n\n---\n\n---\n\n# Three\n',
  'bad-fields': '---\ntitle: 42\nlang: english\ntheme: neon\nauthor: [a, b]\n---\n\n# One\n',
  'no-src': '---\ntitle: N\nlang: en\n---\n\n# One\n\n<Cell src="../cells/nowhere.ts" />\n',
};
let stderr = '';
let status: number | null = null;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-bad-'));
  for (const [name, body] of Object.entries(decks)) {
    mkdirSync(join(root, 'slides', name), { recursive: true });
    writeFileSync(join(root, 'slides', name, 'index.mdx'), body);
  }
  const run = spawnSync(process.execPath, ['bin/kowakunai.mjs', 'build', join(root, 'slides'), '--out', join(root, 'dist')], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  stderr = run.stderr;
  status = run.status;
}, 120_000);

test('the build exits non-zero and counts every problem', () => {
  expect(status).toBe(1);
  // one duplicate id, one empty slide, four bad fields, one missing source
  expect(stderr).toMatch(/build failed: 7 error\(s\)/);
});

test('a duplicate cell id names both places', () => {
  expect(stderr).toMatch(/slides\/dup-id\/index\.mdx:16:1: error: duplicate cell id "same": also used at \S*slides\/dup-id\/index\.mdx:8:1/);
});

test('two separators in a row are an empty slide, reported at the second', () => {
  expect(stderr).toMatch(/slides\/empty-slide\/index\.mdx:10:1: error: empty slide: two slide separators \(---\) in a row \(the other one is on line 8\)/);
});

test('every bad frontmatter field is reported at its own line, not only the first', () => {
  expect(stderr).toMatch(/slides\/bad-fields\/index\.mdx:2:1: error: frontmatter field "title" must be text, got 42/);
  expect(stderr).toMatch(/slides\/bad-fields\/index\.mdx:3:1: error: frontmatter field "lang" is not a language tag: "english"/);
  expect(stderr).toMatch(/slides\/bad-fields\/index\.mdx:4:1: error: frontmatter field "theme" must be one of light, dark, got "neon"/);
  expect(stderr).toMatch(/slides\/bad-fields\/index\.mdx:5:1: error: frontmatter field "author" must be text, got \["a","b"\]/);
});

test('a <Cell src> that points nowhere names the deck line and the path it looked for', () => {
  expect(stderr).toMatch(/slides\/no-src\/index\.mdx:8:1: error: cell source not found: \.\.\/cells\/nowhere\.ts \(looked for \S*nowhere\.ts\)/);
});
