import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BuildError } from '../src/node/pipeline/errors.js';
import { assignTokenIds, commonTokens } from '../src/node/pipeline/magic-move/match.js';
import { parseMagicMove } from '../src/node/pipeline/magic-move/parse.js';
import { remarkMagicMove } from '../src/node/pipeline/remark-magic-move.js';
import { renderDeck } from '../src/node/pipeline/render-deck.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';

describe('token matcher', () => {
  test('the words two versions share are paired in order; the others are not', () => {
    const a = ['await', 'one', '(', ')', ';', 'await', 'two', '(', ')'];
    const b = ['await', 'gather', '(', 'one', '(', ')', ',', 'two', '(', ')', ')'];
    const pairs = commonTokens(a, b);
    for (const [i, j] of pairs) expect(a[i]).toBe(b[j]);
    // strictly increasing on both sides: a subsequence, so nothing crosses
    pairs.forEach(([i, j], k) => k > 0 && expect(i > pairs[k - 1][0] && j > pairs[k - 1][1]).toBe(true));
    expect(pairs.map(([i]) => a[i])).toEqual(['await', 'one', '(', ')', 'two', '(', ')']);
  });

  test('a shared token keeps its id through every version; a removed one is gone, an added one is new', () => {
    const v0 = ['const', 'a', '=', '1'];
    const v1 = ['const', 'a', '=', '2', ';'];
    const v2 = ['let', 'a', '=', '2', ';'];
    const [i0, i1, i2] = assignTokenIds([v0, v1, v2]);
    expect(i0).toEqual([0, 1, 2, 3]);
    // const, a, = kept; 1 removed (id 3 gone); 2 and ; added
    expect(i1.slice(0, 3)).toEqual([0, 1, 2]);
    expect(i1).not.toContain(3);
    expect(new Set([i1[3], i1[4]]).size).toBe(2);
    expect(i0).not.toContain(i1[3]);
    // a, =, 2, ; keep v1's ids; "let" replaces "const"
    expect(i2.slice(1)).toEqual(i1.slice(1));
    expect([...i0, ...i1]).not.toContain(i2[0]);
  });

  test('no id appears twice within one version', () => {
    const ids = assignTokenIds([['x', 'x', 'y'], ['x', 'y', 'x', 'x'], ['y']]);
    for (const v of ids) expect(new Set(v).size).toBe(v.length);
  });
});

describe('magic-move block syntax', () => {
  test("Slidev's fences: language, step ranges and options set aside, code kept", () => {
    const body = '```ts {*|2} {lines:true}\nconst a = 1\n```\n\n```python cell title="b"\nprint(1)\nprint(2)\n```';
    expect(parseMagicMove(body)).toEqual([
      { lang: 'ts', meta: '', code: 'const a = 1', lineInBody: 0 },
      { lang: 'python', meta: 'cell title="b"', code: 'print(1)\nprint(2)', lineInBody: 4 },
    ]);
  });
});

const html = (versions: { lang: string; code: string }[]) => Promise.resolve(`<mm n="${versions.length}">${versions.map((v) => v.code).join('|')}</mm>`);

async function transform(md: string) {
  const processor = unified().use(remarkParse);
  const tree = processor.parse(md);
  await remarkMagicMove({ render: html })(tree as never, new VFile({ path: '/deck/index.mdx', value: md }));
  return tree as unknown as { children: { type: string; name?: string; attributes?: { name: string; value: string }[] }[] };
}

describe('remarkMagicMove', () => {
  test('a magic-move block becomes <MagicMove> with the HTML of its versions', async () => {
    const tree = await transform('# T\n\n````md magic-move {lines: true}\n```ts\na\n```\n```ts {2}\nb\n```\n````\n');
    const el = tree.children[1];
    expect(el).toMatchObject({ type: 'mdxJsxFlowElement', name: 'MagicMove' });
    expect(el.attributes).toEqual([{ type: 'mdxJsxAttribute', name: 'html', value: '<mm n="2">a|b</mm>' }]);
  });

  test('an ordinary md block is left alone', async () => {
    const tree = await transform('````md\n```ts\na\n```\n````\n');
    expect(tree.children[0].type).toBe('code');
  });

  test('a magic move of cells becomes one <Cell> with every version and its line', async () => {
    const tree = await transform('````md magic-move\n```python cell id="demo" title="Demo"\nprint(1)\n```\n```python cell\nprint(2)\n```\n````\n');
    const el = tree.children[0];
    expect(el).toMatchObject({ type: 'mdxJsxFlowElement', name: 'Cell' });
    const a = Object.fromEntries(el.attributes!.map((x) => [x.name, x.value]));
    expect(a).toMatchObject({ code: 'print(1)\n', lang: 'python', id: 'demo', title: 'Demo', line: '3', magicMove: '<mm n="2">print(1)|print(2)</mm>' });
    expect(JSON.parse(a.versions)).toEqual([
      { code: 'print(1)\n', line: 3 },
      { code: 'print(2)\n', line: 6 },
    ]);
  });

  test('a magic-move with no fences is a build error at its line and column', async () => {
    const err = await transform('# T\n\nsome text\n\n````md magic-move\n````\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect(err).toMatchObject({ file: '/deck/index.mdx', line: 5, column: 1 });
    expect((err as Error).message).toMatch(/at least one code fence/);
  });

  test('cells and plain fences mixed in one block: an error at the odd fence', async () => {
    const err = await transform('````md magic-move\n```python cell\na\n```\n```python\nb\n```\n````\n').catch((e: unknown) => e);
    expect(err).toMatchObject({ line: 5 });
  });
});

describe('in a deck', () => {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-mm-'));
  const deck = (body: string): string => {
    const dir = join(root, `d${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.mdx'), `---\ntitle: T\nlang: en\n---\n\n${body}`);
    return join(dir, 'index.mdx');
  };

  test('renders every version, highlighted, with a fragment marker per step and shared ids', async () => {
    const { html } = await renderDeck(deck('## M\n\n````md magic-move\n```ts\nconst a = 1\n```\n```ts\nconst a = 2\n```\n````\n'));
    const pres = html.match(/<pre class="shiki[^"]*k-mm-v[^"]*"[^>]*data-v="\d"/g) ?? [];
    expect(pres).toHaveLength(2);
    expect(html.match(/class="fragment k-mm-mark"/g)).toHaveLength(1);
    // the words of a version in order, with the ids its <pre> lists for them (data-mm-ids)
    const ids = (v: number) => {
      const pre = html.split(`data-v="${v}"`)[1].split('</pre>')[0];
      const list = /data-mm-ids="([^"]*)"/.exec(pre)![1].split(' ');
      return [...pre.matchAll(/<span class="(?!line")[^"]*">([^<]*)</g)].map((m, i) => [m[1], list[i]]);
    };
    const [v0, v1] = [ids(0), ids(1)];
    expect(v0.map(([t]) => t)).toEqual(['const', 'a', '=', '1']);
    expect(v1.find(([t]) => t === 'a')![1]).toBe(v0.find(([t]) => t === 'a')![1]);
    expect(v1.find(([t]) => t === '2')![1]).not.toBe(v0.find(([t]) => t === '1')![1]);
  });

  test('an empty magic-move block fails the build at file:line:col', async () => {
    const path = deck('## M\n\n````md magic-move\n````\n');
    const err = await renderDeck(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect(err).toMatchObject({ file: path, line: 8, column: 1 });
  });
});

describe('cells with steps', () => {
  test('each later version is a cell of its own: named as its file would name it, or <id>@<n> for a fence', async () => {
    const { compileCells } = await import('../src/node/pipeline/cells/build-cells.js');
    const { compileVersions } = await import('../src/node/pipeline/cells/cell-versions.js');
    const dir = mkdtempSync(join(tmpdir(), 'kowakunai-mm-cells-'));
    for (const [f, body] of [['a.ts', 'await 1;\n'], ['b.ts', 'await 2;\n'], ['c.ts', 'await 3;\n']]) writeFileSync(join(dir, f), body);
    writeFileSync(
      join(dir, 'index.mdx'),
      '---\ntitle: T\nlang: en\n---\n\n<Cell src="./a.ts" steps="./b.ts, ./c.ts" />\n\n---\n\n````md magic-move\n```ts cell id="f"\nawait 4;\n```\n```ts cell\nawait 5;\n```\n````\n',
    );
    const cells = await compileCells((await renderDeck(join(dir, 'index.mdx'))).cells);
    expect(cells.map((c) => [c.id, c.source])).toEqual([
      ['a', 'await 1;\n'],
      ['f', 'await 4;\n'],
    ]);
    const versions = await compileVersions(cells);
    expect(versions.get(cells[0])!.map((v) => [v.id, v.source])).toEqual([
      ['b', 'await 2;\n'],
      ['c', 'await 3;\n'],
    ]);
    expect(versions.get(cells[1])!.map((v) => [v.id, v.source])).toEqual([['f@1', 'await 5;\n']]);
  });
});
