import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BuildError } from '../src/node/pipeline/errors.js';
import { compileMdx } from '../src/node/pipeline/mdx.js';
import { renderDeck } from '../src/node/pipeline/render-deck.js';
import { slidesWithNotes } from '../src/node/pipeline/handout.js';
import { deckPage, pageFrame } from '../src/node/pipeline/page.js';

const root = mkdtempSync(join(tmpdir(), 'kowakunai-pipeline-'));
let n = 0;
/** Writes a deck to a fresh folder and returns its index.mdx path. */
function deck(body: string, frontmatter = 'title: T\nlang: en'): string {
  const dir = join(root, `deck${++n}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'index.mdx');
  writeFileSync(path, `---\n${frontmatter}\n---\n\n${body}`);
  return path;
}
const render = (path: string) => renderDeck(path);

async function buildError(path: string): Promise<BuildError> {
  try {
    await render(path);
  } catch (e) {
    expect(e).toBeInstanceOf(BuildError);
    return e as BuildError;
  }
  throw new Error('expected the build to fail');
}

describe('slides', () => {
  test('split on --- into one <section> per slide', async () => {
    const { html } = await render(deck('# One\n\n---\n\n# Two\n\n---\n\n# Three\n'));
    const sections = html.match(/<section[^>]*>/g) ?? [];
    expect(sections).toHaveLength(3);
    expect(html).toMatch(/<section data-slide="1"><h1>One<\/h1>/);
    expect(html).toMatch(/<section data-slide="3"><h1>Three<\/h1>/);
  });

  test('a --- inside a code fence or a JSX block does not split', async () => {
    const { html } = await render(deck('# One\n\n```yaml\na: 1\n---\nb: 2\n```\n\n<Columns>\n<Column>\n\nleft\n\n</Column>\n</Columns>\n\n---\n\n# Two\n'));
    expect(html.match(/<section/g)).toHaveLength(2);
    expect(html).toContain('b');
  });

  test('notes become an aside the speaker view reads, and stay out of the slide text', async () => {
    const { html } = await render(deck('# Hi\n\n<Notes>Say **hello**.</Notes>\n\n---\n\n# Bye\n'));
    expect(html).toContain('<aside class="notes">Say <strong>hello</strong>.</aside>');
    const pairs = slidesWithNotes(html);
    expect(pairs).toHaveLength(2);
    expect(pairs[0].notes).toContain('hello');
    expect(pairs[0].slide).not.toContain('hello');
    expect(pairs[1].notes).toBe('');
  });

  test('SlideMeta moves onto its slide; Step is a fragment', async () => {
    const { html } = await render(deck('<SlideMeta section="intro" layout="center" />\n\n# A\n\n<Step>later</Step>\n'));
    expect(html).toMatch(/<section data-slide="1" data-section="intro" class="layout-center">/);
    expect(html).toContain('<div class="fragment">later</div>');
  });

  test('code is highlighted at build time with line highlights', async () => {
    const { html } = await render(deck('```python {2}\nimport asyncio\nasyncio.run(main())\n```\n'));
    expect(html).toContain('class="language-python"');
    expect(html).toMatch(/<span class="line highlighted">.*asyncio\.run/s);
  });

  test('frontmatter gives the deck its meta with defaults', async () => {
    const { meta } = await compileMdx(deck('# x', 'title: Talk\nlang: ja\nauthor: Me\ndate: 2021-07-03'));
    expect(meta).toEqual({ title: 'Talk', lang: 'ja', author: 'Me', date: '2021-07-03', theme: 'light' });
  });
});

describe('bad input names file, line and column', () => {
  test('MDX syntax error', async () => {
    const path = deck('# One\n\n<Columns>\n\noops {\n');
    const e = await buildError(path);
    expect(e.file).toBe(path);
    expect(e.line).toBeGreaterThanOrEqual(5);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.format()).toMatch(/index\.mdx:\d+:\d+: error: /);
  });

  test('unknown component', async () => {
    const path = deck('# One\n\n<Colums>\nx\n</Colums>\n');
    const e = await buildError(path);
    expect(e.message).toMatch(/unknown component <Colums>/);
    expect([e.file, e.line, e.column]).toEqual([path, 8, 1]);
  });

  test('missing image', async () => {
    const path = deck('# One\n\n![a cat](./cat.png)\n');
    const e = await buildError(path);
    expect(e.message).toMatch(/image not found: \.\/cat\.png/);
    expect([e.line, e.column]).toEqual([8, 1]);
  });

  test('image without alt text', async () => {
    const dir = deck('# One\n\n![](./x.svg)\n');
    writeFileSync(join(dir, '..', 'x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const e = await buildError(dir);
    expect(e.message).toMatch(/no alt text/);
    expect(e.line).toBe(8);
  });

  test('image from another host: never fetched, a box with its alt text, and a warning saying how to get it', async () => {
    const { html, compiled } = await render(deck('![logo](https://example.com/logo.png)\n'));
    expect(html).not.toContain('example.com');
    expect(html).toContain('<span class="k-missing-image" role="img" aria-label="logo">logo</span>');
    expect(compiled.warnings.join('\n')).toMatch(/index\.mdx:6:1: warning: image "https:\/\/example\.com\/logo\.png" is on another host.*curl -o logo\.png/);
  });

  test('bad frontmatter field', async () => {
    const path = deck('# x', 'title: T\nlang: en\ntheme: purple');
    const e = await buildError(path);
    expect(e.message).toMatch(/"theme" must be one of light, dark/);
    expect([e.line, e.column]).toEqual([4, 1]);
  });

  test('a near-miss frontmatter field is an error naming the one meant; a missing lang is read from the text', async () => {
    expect((await buildError(deck('# x', 'title: T\nlang: en\ntitel: oops'))).message).toMatch(/unknown frontmatter field "titel": did you mean "title"\?/);
    const ja = await render(deck('# こんにちは', 'title: T'));
    expect(ja.compiled.meta.lang).toBe('ja');
    expect(ja.compiled.warnings.join('\n')).toMatch(/warning: no lang in the frontmatter: the text reads as Japanese, so lang: ja/);
    expect((await render(deck('# Hello', 'title: T'))).compiled.meta.lang).toBe('en');
  });

  test('a frontmatter field of another tool is kept and warned about once, not refused', async () => {
    const { compiled } = await render(deck('# x', 'title: T\nlang: en\nmarp: true\nhighlighter: shiki'));
    expect(compiled.warnings.filter((w) => /kept but not used/.test(w))).toEqual([expect.stringMatching(/"marp", "highlighter" kept but not used/)]);
  });

  test('broken YAML', async () => {
    const e = await buildError(deck('# x', 'title: [unclosed\nlang: en'));
    expect(e.message).toMatch(/frontmatter/);
    expect(e.line).toBeGreaterThanOrEqual(2);
  });

  test('a cell that is not TypeScript', async () => {
    const e = await buildError(deck('```js cell\nx\n```\n'));
    expect(e.message).toMatch(/a cell must be TypeScript/);
    expect(e.line).toBe(6);
  });

  test('a <Cell src> whose file is missing', async () => {
    const e = await buildError(deck('<Cell src="./nope.ts" />\n'));
    expect(e.message).toMatch(/cell source not found: \.\/nope\.ts/);
    expect(e.line).toBe(6);
  });
});

describe('pageFrame (what the dev server compares to swap slides in place)', () => {
  const meta = { title: 'A talk', lang: 'en', theme: 'light' as const };
  const page = (slidesHtml: string, title = meta.title) => deckPage({ id: 'talk', meta: { ...meta, title }, slidesHtml });

  test('two builds that differ only in their slides have the same frame, without the slides', () => {
    const a = pageFrame(page('<section><h1>one</h1></section>'));
    expect(a).toBe(pageFrame(page('<section><h1>two</h1></section>\n<section>three</section>')));
    expect(a).not.toContain('<h1>');
    expect(a).toContain('deck.js');
  });

  test('anything besides the slides changes the frame', () => {
    expect(pageFrame(page('<section/>', 'Another title'))).not.toBe(pageFrame(page('<section/>')));
  });
});
