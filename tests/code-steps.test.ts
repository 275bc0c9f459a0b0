/**
 * Slidev's stepped line highlights ({1|3-4|all}), shiki's notation comments and [click] in notes, at build:
 * the meta parser, the shiki transformer, the checks that point at the deck's line, and the notes transform.
 * What the page does with them (opacity at each step, ← back, the URL, the speaker view) is in
 * tests/browser/code-steps.test.ts.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CodeStepsError, findRangeGroup, parseCodeSteps, parseSteps } from '../src/node/pipeline/code-steps-meta.js';
import { BuildError, BuildErrorList } from '../src/node/pipeline/errors.js';
import { highlightCode } from '../src/node/pipeline/highlight.js';
import { renderDeck } from '../src/node/pipeline/render-deck.js';
import { renderCellHtml } from '../src/node/pipeline/cells/render-cell.js';

const root = mkdtempSync(join(tmpdir(), 'kowakunai-steps-'));
let n = 0;
/** A deck whose body starts on line 6 (after 4 lines of frontmatter and a blank line). */
function deck(body: string, files: Record<string, string> = {}): string {
  const dir = join(root, `deck${++n}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const path = join(dir, 'index.mdx');
  writeFileSync(path, `---\ntitle: T\nlang: en\n---\n\n${body}`);
  return path;
}

async function failure(path: string): Promise<BuildError[]> {
  try {
    await renderDeck(path, join(root, 'render'));
  } catch (e) {
    if (e instanceof BuildErrorList) return e.list;
    expect(e).toBeInstanceOf(BuildError);
    return [e as BuildError];
  }
  throw new Error('expected the build to fail');
}

/** For each line of the first <pre> in `html`: its text and classes, in order. */
function lines(html: string): { text: string; classes: string[] }[] {
  const pre = /<pre[\s\S]*?<\/pre>/.exec(html)![0];
  return [...pre.matchAll(/<span class="(line[^"]*)">([\s\S]*?)<\/span>(?=\n|<\/code>)/g)].map((m) => ({
    classes: m[1].split(' '),
    text: m[2].replace(/<[^>]+>/g, '').replace(/&#x27;|&#39;/g, "'"),
  }));
}
/** The 1-based numbers of the lines the stylesheet lights at step k (those carrying k-s<k>). */
const litAt = (html: string, k: number) => lines(html).flatMap((l, i) => (l.classes.includes(`k-s${k}`) ? [i + 1] : []));

describe('the meta parser', () => {
  test('steps, ranges, all, * and none, as Slidev writes them', () => {
    expect(parseSteps('1|3-4|all')).toEqual([[1], [3, 4], 'all']);
    expect(parseSteps('2,5-6|*')).toEqual([[2, 5, 6], 'all']);
    expect(parseSteps('none|1')).toEqual([[], [1]]);
    expect(parseSteps(' 3 - 4 , 1 | all ')).toEqual([[1, 3, 4], 'all']);
  });

  test('the {…} group is found among other meta; options objects are not ranges', () => {
    expect(findRangeGroup('{1|2} twoslash')).toBe('{1|2}');
    expect(findRangeGroup("{*}{maxHeight:'100px'}")).toBe('{*}');
    expect(findRangeGroup("{maxHeight:'100px'}")).toBeNull();
    expect(findRangeGroup('cell {1|3} title="x"')).toBe('{1|3}');
    expect(findRangeGroup('title="x"')).toBeNull();
    expect(parseCodeSteps('{1|2} lines:true', 2)?.steps).toEqual([[1], [2]]);
  });

  test.each([
    ['1|x', 4, /"x" in \{1\|x\} is not a line number or range/],
    ['3-1', 4, /range 3-1 .* runs backwards: write 1-3/],
    ['9', 4, /line 9 in \{9\} is past the end of the block: it has 4 lines/],
    ['1||2', 4, /step 2 of \{1\|\|2\} is empty/],
    ['0', 4, /counted from 1/],
  ])('{%s} on a %i-line block is refused, saying why', (text, count, why) => {
    expect(() => parseSteps(text, count)).toThrow(CodeStepsError);
    expect(() => parseSteps(text, count)).toThrow(why);
  });
});

describe('code blocks in a deck', () => {
  test('{1|3-4|all}: step markers for reveal.js, and each line marked with the steps that light it', async () => {
    const { html } = await renderDeck(deck('# A\n\n```ts {1|3-4|all}\nconst a = 1\n\nconst b = 2\nconst c = 3\nexport {}\n```\n'), join(root, 'render'));
    const markers = html.match(/<span class="fragment k-code-step[^"]*" data-code-step="\d"/g) ?? [];
    // three steps: the first shows on arrival, each → shows the next marker
    expect(markers).toEqual([
      '<span class="fragment k-code-step" data-code-step="1"',
      '<span class="fragment k-code-step k-code-step-last" data-code-step="2"',
    ]);
    // inside the <pre>, before its code: one block's markers never reach another block's lines
    expect(html).toMatch(/<pre class="shiki[^"]*k-steps[^"]*"[^>]*data-steps="\[\[1\],\[3,4\],&quot;all&quot;\]"><span class="fragment k-code-step/);
    expect(litAt(html, 0)).toEqual([1]);
    expect(litAt(html, 1)).toEqual([3, 4]);
    expect(litAt(html, 2)).toEqual([1, 2, 3, 4, 5]);
  });

  test('one range {3} stays a static highlight: no steps, line 3 highlighted', async () => {
    const { html } = await renderDeck(deck('# A\n\n```python {3}\nimport asyncio\n\nasync def main():\n    pass\n```\n'), join(root, 'render'));
    expect(html).not.toContain('k-code-step');
    expect(html).not.toContain('k-steps');
    expect(lines(html).map((l) => l.classes.includes('highlighted'))).toEqual([false, false, true, false]);
  });

  test('steps after other meta Slidev allows ({1|2} twoslash, {*}{maxHeight…}) build, the options ignored', async () => {
    const { html } = await renderDeck(deck("# A\n\n```ts {1|2} twoslash\nlet a\nlet b\n```\n\n```ts {*}{maxHeight:'100px'}\nlet c\n```\n"), join(root, 'render'));
    expect(litAt(html, 1)).toEqual([2]);
    // two steps: one marker; the {*} block, one step, none
    expect(html.match(/data-code-step=/g)).toHaveLength(1);
  });

  test('a range past the end, or a malformed one, fails the build at the fence, every one of them', async () => {
    const path = deck('# A\n\n```ts {9}\na\nb\nc\nd\n```\n\n```ts {1|x}\na\n```\n\n```ts {3-1}\na\nb\nc\n```\n');
    const errors = await failure(path);
    expect(errors.map((e) => [e.file, e.line, e.column])).toEqual([
      [path, 8, 1],
      [path, 15, 1],
      [path, 19, 1],
    ]);
    expect(errors[0].message).toMatch(/line 9 in \{9\} is past the end of the block: it has 4 lines/);
    expect(errors[1].message).toMatch(/"x" in \{1\|x\}/);
    expect(errors[2].message).toMatch(/runs backwards/);
  });

  test('steps combine with // [!code highlight], which keeps its static band', async () => {
    const { html } = await renderDeck(deck('# A\n\n```ts {1|2}\nlet a // [!code highlight]\nlet b\n```\n'), join(root, 'render'));
    expect(lines(html).map((l) => [l.text, l.classes.includes('highlighted')])).toEqual([
      ['let a ', true],
      ['let b', false],
    ]);
    expect(litAt(html, 1)).toEqual([2]);
  });
});

describe('notation comments', () => {
  test('diff in TypeScript and Python: the line is marked, the comment is gone from the code shown', async () => {
    for (const [lang, c] of [['ts', '//'], ['python', '#']] as const) {
      const html = await highlightCode(`a = 1 ${c} [!code --]\nb = 2 ${c} [!code ++]\nc = 3`, lang);
      expect(lines(html).map((l) => [l.text.trim(), l.classes.filter((x) => x !== 'line').join(' ')]), lang).toEqual([
        ['a = 1', 'diff remove'],
        ['b = 2', 'diff add'],
        ['c = 3', ''],
      ]);
      expect(html).toContain('has-diff');
      expect(html).not.toContain('[!code');
    }
  });

  test('focus, error, warning and word', async () => {
    const html = await highlightCode('import time  # [!code focus]\ntime.sleep(1)  # [!code error]\nx = 1  # [!code warning]\n# [!code word:asyncio]\nawait asyncio.sleep(1)', 'python');
    const ls = lines(html);
    expect(ls.map((l) => l.classes.filter((x) => x !== 'line').join(' '))).toEqual(['focused', 'highlighted error', 'highlighted warning', '']);
    expect(html).toContain('has-focused');
    expect(html).toMatch(/<span class="[^"]*highlighted-word[^"]*">asyncio<\/span>/);
    expect(html).not.toContain('[!code');
  });
});

describe('cells in steps', () => {
  test('```ts cell {1|3}: the markers go in the <live-cell>, outside the code the editor replaces', async () => {
    const { cells } = await renderDeck(deck('# A\n\n```ts cell {1|3} title="c"\nconst a = 1\n\nconsole.log(a)\n```\n'), join(root, 'render'));
    expect(cells[0]).toMatchObject({ highlight: '1|3', title: 'c' });
    expect(Object.keys(cells[0])).not.toContain('1');
    const highlighted = await highlightCode(cells[0].code.replace(/\n+$/, ''), 'ts', `{${cells[0].highlight}}`);
    // a cell's own code carries no markers: they would vanish with it when the editor opens
    expect(highlighted).not.toContain('k-code-step');
    expect(litAt(highlighted, 1)).toEqual([3]);
    const html = renderCellHtml({ id: 'c', lang: 'ts', source: cells[0].code, js: '', highlightedHtml: highlighted, deckId: 'd', steps: parseSteps(cells[0].highlight!) });
    expect(html).toMatch(/^<live-cell [^>]*data-steps="\[\[1\],\[3\]\]"/);
    expect(html).toMatch(/<span class="fragment k-code-step k-code-step-last" data-code-step="1" aria-hidden="true"><\/span><div class="k-cell-body">/);
  });

  test('a cell\'s bad steps fail the build where the author wrote them', async () => {
    const fenced = deck('# A\n\n```ts cell {1|x}\nlet a\n```\n');
    expect((await failure(fenced)).map((e) => [e.line, e.message])).toEqual([[8, expect.stringMatching(/cell highlight: "x" in \{1\|x\}/)]]);
    const file = deck('# A\n\n<Cell src="./c.ts" highlight="1|9" />\n', { 'c.ts': 'let a\nlet b\n' });
    expect((await failure(file)).map((e) => [e.file, e.line, e.message])).toEqual([[file, 8, expect.stringMatching(/line 9 .* it has 2 lines/)]]);
    // more steps than the stylesheet has rules for
    const many = deck(`# A\n\n\`\`\`ts cell {${Array.from({ length: 21 }, () => '1').join('|')}}\nlet a\n\`\`\`\n`);
    expect((await failure(many)).map((e) => [e.line, e.message])).toEqual([[8, expect.stringMatching(/has 21 steps; a block can have at most 20/)]]);
  });
});

describe('[click] in notes', () => {
  const notesOf = async (notes: string) => {
    const { html } = await renderDeck(deck(`# A\n\n<Notes>\n${notes}\n</Notes>\n`), join(root, 'render'));
    return /<aside class="notes">([\s\S]*?)<\/aside>/.exec(html)![1];
  };
  const parts = (aside: string) =>
    [...aside.matchAll(/<div class="k-note-step" data-note-step="(\d+)">([\s\S]*?)<\/div>/g)].map((m) => [Number(m[1]), m[2].replace(/<span class="k-note-badge"[^>]*>\d+<\/span>/g, '#').replace(/<[^>]+>/g, '')]);

  test('text before any marker is step 0; each [click] begins the next step, shown as a badge', async () => {
    const aside = await notesOf('Intro.\n\n[click] First.\n\nMore of the first.\n\n[click] Second.');
    expect(parts(aside)).toEqual([
      [0, 'Intro.'],
      [1, '#First.More of the first.'],
      [2, '#Second.'],
    ]);
    expect(aside).not.toContain('[click]');
    expect(aside).toContain('<span class="k-note-badge" aria-label="step 1">1</span>');
  });

  test('[click:3] jumps to step 3; a marker at a line start inside a paragraph splits it', async () => {
    expect(parts(await notesOf('[click] One\n[click:3] Three\n[click] Four'))).toEqual([
      [1, '#One'],
      [3, '#Three'],
      [4, '#Four'],
    ]);
  });

  test('notes without a marker are left as they were', async () => {
    expect(await notesOf('Just **notes**, [not a marker].')).toBe('<p>Just <strong>notes</strong>, [not a marker].</p>');
  });
});
