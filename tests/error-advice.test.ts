/** A deck's mistakes at the deck's own line, in plain advice: never a line of compiled JavaScript, never parser jargon. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { BuildError } from '../src/node/pipeline/errors.js';
import { renderDeck } from '../src/node/pipeline/render-deck.js';

const dir = mkdtempSync(join(tmpdir(), 'kowakunai-advice-'));
let n = 0;
async function failure(body: string): Promise<BuildError> {
  const path = join(dir, `deck${++n}.mdx`);
  writeFileSync(path, `---\ntitle: T\nlang: en\n---\n\n${body}`);
  const error = await renderDeck(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

test('a missing import is named at the deck line that imports it, with where we looked', async () => {
  const e = await failure("# One\n\nimport { Waiter } from './parts/waiter.tsx'\n\n<Waiter />\n");
  expect([e.line, e.column]).toEqual([8, 25]);
  expect(e.message).toMatch(/^cannot import "\.\/parts\/waiter\.tsx": no such file \(looked for .*parts\/waiter\.tsx\)$/);
});

test('an unclosed tag, an <img> without its slash, an open brace: where, and what to write', async () => {
  const tag = await failure('# One\n\n<div>\n\ntext\n');
  expect([tag.line, tag.column, tag.message]).toEqual([8, 1, '<div> is never closed: add </div> (with a blank line before it when Markdown is inside)']);
  const img = await failure('# One\n\n<img src="x.png">\n');
  expect([img.line, img.message]).toEqual([8, '<img> is not closed: in MDX every tag is, write <img … />']);
  const brace = await failure('# One\n\nSome {oops\n');
  expect(brace.line).toBe(8);
  expect(brace.message).toMatch(/^a \{ starts a JavaScript expression in MDX and is never closed/);
});

test('an HTML comment in an MDX deck is hidden, as in Markdown, not an error', async () => {
  const path = join(dir, 'comment.mdx');
  writeFileSync(path, '---\ntitle: T\nlang: en\n---\n\n# One\n\n<!-- a reminder\n  over two lines -->\n\nshown\n');
  const { html } = await renderDeck(path);
  expect(html).toBe('<section data-slide="1"><h1>One</h1><p>shown</p></section>');
});
