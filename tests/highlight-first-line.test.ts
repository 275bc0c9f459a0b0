import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { codeCss } from '../src/node/pipeline/highlight.js';
import { compileMdx } from '../src/node/pipeline/mdx.js';

// A file of its own: the process's very first highlighted block is the case (shiki 4.6 got its first line wrong).
test("the first line of a process's first code block has the light theme's colours, not its keyword colour throughout", async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'kowakunai-first-line-')), 'index.mdx');
  writeFileSync(path, "---\ntitle: T\nlang: en\n---\n\n```ts\nimport { sleep } from 'kowakunai';\n```\n");
  const { js } = await compileMdx(path);
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
