import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { codeCss } from '../src/node/pipeline/highlight.js';
import { compileMdx } from '../src/node/pipeline/mdx.js';

afterEach(() => vi.restoreAllMocks());

test('a code line is coloured whole however long its highlighting takes (a busy machine)', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kowakunai-highlight-')), 'index.mdx');
  writeFileSync(path, "---\ntitle: T\nlang: en\n---\n\n```ts\nimport { sleep } from 'kowakunai';\n```\n");
  // every look at the clock finds a second gone: a time limit on tokenizing would stop after the first token
  let clock = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
  const { js } = await compileMdx(path);
  vi.restoreAllMocks();
  const css = codeCss();
  const lightOf = (text: string) => {
    const cls = new RegExp(`className: "(sk-[a-z0-9]+)",\\s*children: ${JSON.stringify(text).replace(/[{}]/g, '\\$&')}`).exec(js)?.[1];
    return new RegExp(`\\.${cls}\\{--shiki-light:(#[0-9A-Fa-f]+)`).exec(css)?.[1]?.toUpperCase();
  };
  expect(lightOf('import')).toBe('#A0111F');
  // the braces and the string are not keywords
  expect(lightOf(' { sleep } ')).toBe('#0E1116');
  expect(lightOf(" 'kowakunai'")).toBe('#032563');
});
