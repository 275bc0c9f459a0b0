/** Each dialect's pre-pass alone, on small decks in its syntax: where the slides and notes are, what is blanked. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { guessLang, parseDuration } from '../src/node/pipeline/deck-defaults.js';
import { detectDialect } from '../src/node/pipeline/foreign/detect.js';
import { prepareMarp } from '../src/node/pipeline/foreign/marp.js';
import { prepareMdxDeck } from '../src/node/pipeline/foreign/mdx-deck.js';
import { prepareReveal } from '../src/node/pipeline/foreign/reveal.js';
import { prepareSlidev } from '../src/node/pipeline/foreign/slidev.js';
import { toKowakunaiMdx } from '../src/node/pipeline/foreign/to-mdx.js';
import type { Prepared } from '../src/node/pipeline/foreign/types.js';
import { compileMdx } from '../src/node/pipeline/mdx.js';
import { nearMiss } from '../src/node/pipeline/near-miss.js';
import { renderDeck } from '../src/node/pipeline/render-deck.js';

/** The text of each slide (its lines, notes left out) and of its notes, as the pipeline will cut them. */
function cut(p: Prepared) {
  const lines = p.text.split('\n');
  return p.slides!.map((s) => {
    const inNotes = (n: number) => s.notes.some(([a, b]) => n >= a && n <= b);
    const pick = (notes: boolean) =>
      lines
        .slice(s.start - 1, s.end)
        .filter((_, i) => inNotes(s.start + i) === notes)
        .join('\n')
        .trim();
    return { body: pick(false), notes: pick(true), attrs: s.attrs, columns: s.columns, backgrounds: s.backgrounds };
  });
}

describe('the pre-passes keep every line where it was', () => {
  const sources = {
    slidev: '---\nlayout: cover\n---\n\n# A\n\n---\nlayout: center\n---\n\n# B\n<!-- n -->\n',
    marp: '---\nmarp: true\n---\n\n# A\n\n<!-- _class: lead -->\n\n---\n\n# B\n',
    reveal: '# A\n\nNote: n\n\n---\n\n# B\n\n--\n\n# C\n',
    'mdx-deck': "import { Head } from 'mdx-deck'\nexport const theme = {\n  colors: {},\n}\n\n# A\n\n---\n\n# B\n",
  };
  const prepare = { slidev: prepareSlidev, marp: prepareMarp, reveal: prepareReveal, 'mdx-deck': prepareMdxDeck };
  test.each(Object.keys(sources) as (keyof typeof sources)[])('%s', (name) => {
    const source = sources[name];
    const p = prepare[name](source);
    // an error's file:line:col is the author's: the pre-pass never adds or removes a line
    expect(p.text.split('\n')).toHaveLength(source.split('\n').length);
    for (const heading of ['# A', '# B']) expect(p.text.split('\n').indexOf(heading)).toBe(source.split('\n').indexOf(heading));
  });
});

describe('Slidev', () => {
  const deck = [
    '---', // 1
    'title: T', // 2
    'layout: cover', // 3
    '---', // 4
    '', // 5
    '# Cover', // 6
    '', // 7
    '<!-- first notes -->', // 8
    '', // 9
    '---', // 10
    'layout: two-cols', // 11
    'class: wide', // 12
    '---', // 13
    '', // 14
    '# Left', // 15
    '', // 16
    '::right::', // 17
    '', // 18
    '```yaml', // 19
    '---', // 20
    'not: a slide', // 21
    '```', // 22
    '', // 23
    '<!-- a hidden comment -->', // 24
    '', // 25
    'text after the comment', // 26
    '', // 27
    '---', // 28
    '', // 29
    '# Plain', // 30
    '', // 31
    '<!--', // 32
    '[click] Say this.', // 33
    '-->', // 34
  ].join('\n');
  const p = prepareSlidev(deck);
  const slides = cut(p);

  test('per-slide frontmatter is the slide\'s config, not a slide; a --- in code is not a break', () => {
    expect(slides).toHaveLength(3);
    expect(slides[0].attrs.class).toBe('layout-title');
    expect(slides[1].attrs.class).toBe('layout-two-cols wide');
    expect(slides[1].body).toContain('not: a slide');
    // the deck's own frontmatter stays for remarkDeckMeta; the slides' own is blanked
    expect(p.text.split('\n').slice(4).join('\n')).not.toMatch(/layout:|class:/);
  });

  test('the comment that ends a slide is its notes; one before its end stays a (hidden) comment', () => {
    expect(slides[0].notes).toBe('first notes');
    expect(slides[0].body).toBe('# Cover');
    expect(slides[1].notes).toBe('');
    expect(slides[1].body).toContain('<!-- a hidden comment -->');
    expect(slides[2].notes).toBe('Say this.');
  });

  test('::right:: starts the second column, on its own line', () => {
    expect(slides[1].columns).toEqual([17]);
    expect(p.text.split('\n')[16]).toBe('');
  });

  test('Vue components become visible boxes with a warning; v-click stays for the steps', () => {
    const v = prepareSlidev('# A\n\n<Counter :count="3" />\n\n<carbon-logo-github /> and `<Inline />`\n\n<v-click>x</v-click>\n\n<Box>\n\ninside\n\n</Box>\n');
    expect(v.text).toContain('<div class="k-foreign-component" data-component="Counter"><span class="k-foreign-label">&lt;Counter&gt;</span></div>');
    expect(v.text).toContain('data-component="carbon-logo-github"');
    expect(v.text).toContain('`<Inline />`');
    expect(v.text).toContain('<v-click>x</v-click>');
    expect(v.text).toMatch(/<div class="k-foreign-component" data-component="Box">.*\n\ninside\n\n<\/div>/);
    expect(v.warnings.map((w) => [w.line, w.message.split(' ')[0]])).toEqual([
      [3, '<Counter>'],
      [5, '<carbon-logo-github>'],
      [9, '<Box>'],
    ]);
  });

  test('background and image-right pictures are the slide\'s backgrounds', () => {
    const b = cut(prepareSlidev('---\nlayout: image-right\nimage: ./a.png\n---\n\n# A\n\n---\nbackground: ./b.jpg\n---\n\n# B\n'));
    expect(b[0].backgrounds).toEqual([{ url: './a.png', side: 'right' }]);
    expect(b[1].backgrounds).toEqual([{ url: './b.jpg', side: undefined }]);
  });
});

describe('Marp', () => {
  const p = prepareMarp('---\nmarp: true\ntheme: uncover\nclass: invert\nheadingDivider: 2\n---\n\n# One\n\n<!-- _class: lead -->\n<!-- backgroundColor: #ffe -->\n\nText\n\n<!-- a note -->\n\n## Two\n\nmore\n\n---\n\n## Three\n');
  const slides = cut(p);
  test('--- and headingDivider split; directives are blanked, other comments are notes', () => {
    expect(slides.map((s) => s.body.split('\n')[0])).toEqual(['# One', '## Two', '## Three']);
    expect(slides[0].notes).toBe('a note');
    expect(p.text).not.toMatch(/_class|backgroundColor/);
  });
  test('local directives carry on, spot ones (_class) do not; loose YAML reads #ffe as a colour', () => {
    expect(slides[0].attrs).toEqual({ class: 'lead', style: 'background-color: #ffe' });
    expect(slides[1].attrs).toEqual({ class: 'invert', style: 'background-color: #ffe' });
  });
  test('the theme is approximated by ours', () => {
    expect(prepareMarp('---\nmarp: true\ntheme: gaia\n---\n# A\n').meta.theme).toBe('light');
    expect(prepareMarp('---\nmarp: true\ntheme: my-dark\n---\n# A\n').meta.theme).toBe('dark');
  });
});

describe('reveal.js / reveal-md', () => {
  test('--- and -- (or ----) are slides; Note: starts the notes; .slide comments are the section\'s attributes', () => {
    const p = prepareReveal('# A\n\nNote: say A\n\n---\n\n<!-- .slide: data-background="#000" class="x" -->\n# B\n\n--\n\n# C\n\n----\n\n# D\n\nnotes:\nsay D\n');
    const slides = cut(p);
    expect(slides.map((s) => s.body)).toEqual(['# A', '# B', '# C', '# D']);
    expect(slides[0].notes).toBe('say A');
    expect(slides[3].notes).toBe('say D');
    expect(slides[1].attrs).toEqual({ 'data-background': '#000', class: 'x' });
  });
  test('separators set in the frontmatter are honoured', () => {
    const p = prepareReveal('---\nseparator: <!--s-->\nverticalSeparator: <!--v-->\n---\n# A\n<!--s-->\n# B\n<!--v-->\n# C\n');
    expect(cut(p).map((s) => s.body)).toEqual(['# A', '# B', '# C']);
  });
  test('a picture behind a slide is copied like any image; a video or page behind it is not loaded', () => {
    const p = prepareReveal('<!-- .slide: data-background-image="./bg.png" -->\n# A\n\n---\n\n<!-- .slide: data-background-video="https://x.test/v.mp4" -->\n# B\n');
    expect(p.slides![0].backgrounds).toEqual([{ url: './bg.png' }]);
    expect(p.slides![1].attrs).toEqual({});
    expect(p.warnings[0].message).toMatch(/not shown: a deck is presented offline/);
  });
});

describe('mdx-deck', () => {
  const p = prepareMdxDeck("import { Head, Notes } from 'mdx-deck'\nimport { future } from 'mdx-deck/themes'\nimport Chart from './chart'\n\nexport const themes = [\n  future,\n]\n\n# A\n\n<!-- hi -->\n\n---\n\nexport default Split\n\n## B\n\ntext\n\n---\n\n# C\n");
  test("its imports and themes are blanked, a local import stays; a dark theme is ours", () => {
    expect(p.text).not.toMatch(/mdx-deck|themes/);
    expect(p.text).toContain("import Chart from './chart'");
    expect(p.meta.theme).toBe('dark');
  });
  test('an HTML comment becomes an MDX comment; export default Split boxes its slide', () => {
    expect(p.text).toContain('{/* hi */}');
    expect(p.text).toMatch(/<div class="k-split">\n\n## B\n\ntext\n<\/div>\n---/);
  });
});

describe('which dialect, and why', () => {
  test.each([
    ['a.md', '---\nmarp: true\n---\n# A', 'marp', 'frontmatter marp: true'],
    ['a.md', '---\nlayout: cover\n---\n# A', 'slidev', 'frontmatter key layout:'],
    ['a.md', '# A\n\n<v-clicks>\n\n- x\n\n</v-clicks>', 'slidev', 'Slidev markup <v-clicks'],
    ['a.md', '# A\n\n<!-- paginate: true -->', 'marp', 'Marp directive <!-- paginate: -->'],
    ['a.md', '# A\n\nNote: hi', 'reveal', 'reveal.js markup Note:'],
    ['a.md', '# A\n\n---\n\n# B', 'markdown', ".md without another tool's markup"],
    ['a.mdx', "import { Head } from 'mdx-deck'\n# A", 'mdx-deck', "imports from 'mdx-deck'"],
    ['a.mdx', '---\ntitle: T\nlang: en\n---\n# A', 'kowakunai', '.mdx'],
    ['a.md', '---\nformat: slidev\n---\n# A', 'slidev', 'asked for (format: slidev)'],
  ])('%s %j → %s', (path, source, dialect, reason) => {
    expect(detectDialect(path, source)).toEqual({ dialect, reason });
  });
});

describe('defaults instead of refusals', () => {
  test('duration in the forms decks write it', () => {
    expect([parseDuration(40), parseDuration('35min'), parseDuration('35 min'), parseDuration('1h30m'), parseDuration('1:15'), parseDuration('soon')]).toEqual([40, 35, 35, 90, 75, undefined]);
  });
  test('language from the text', () => {
    expect([guessLang('こわくない asyncio'), guessLang('非同期'), guessLang('Not scary')]).toEqual(['ja', 'ja', 'en']);
  });
  test('did you mean: a slip of the keys, not any other name', () => {
    expect([nearMiss('titel', ['title', 'lang']), nearMiss('Colums', ['Columns', 'Column']), nearMiss('marp', ['title', 'lang'])]).toEqual(['title', 'Columns', undefined]);
  });
});

describe('a Markdown deck\'s HTML is shown, never run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kowakunai-foreign-html-'));
  test('scripts, handlers, javascript: links and Vue bindings are dropped; markup stays', async () => {
    const path = join(dir, 'html.md');
    writeFileSync(path, '# A\n\n<div class="box" onclick="alert(1)" @click="go" :class="x">kept</div>\n\n<script>alert(2)</script>\n\n<a href="javascript:alert(3)">link</a>\n\n<iframe src="https://x.test/embed"></iframe>\n');
    const { html } = await renderDeck(path);
    expect(html).toContain('<div class="box">kept</div>');
    expect(html).not.toMatch(/alert|@click|:class|<script|<iframe/);
    expect(html).toContain('embedded page (not loaded offline): https://x.test/embed');
  });
  test('an unknown component in an mdx-deck deck is a box with a warning, in a kowakunai deck an error with a hint', async () => {
    const foreign = join(dir, 'deck.mdx');
    writeFileSync(foreign, "import { Notes } from 'mdx-deck'\n\n# A\n\n<Tweet id=\"1\" />\n");
    const c = await compileMdx(foreign);
    expect(c.warnings.join('\n')).toMatch(/deck\.mdx:5:1: warning: unknown component <Tweet>: shown as a placeholder box/);
    const ours = join(dir, 'ours.mdx');
    writeFileSync(ours, '---\ntitle: T\nlang: en\n---\n\n<Colums>\n\n<Stpe>x</Stpe>\n\n</Colums>\n');
    await expect(compileMdx(ours)).rejects.toThrow(/<Colums>: did you mean <Columns>\?[\s\S]*<Stpe>: did you mean <Step>\?/);
  });
});

describe('import: another tool\'s deck as an idiomatic kowakunai deck', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kowakunai-import-'));
  test.each(['slidev.md', 'marp.md', 'reveal.md', 'plain.md'])('%s becomes MDX that builds, with its notes and steps as ours', async (name) => {
    const source = readFileSync(join('tests/fixtures/foreign', name), 'utf8');
    const { mdx } = toKowakunaiMdx(join('tests/fixtures/foreign', name), source);
    expect(mdx).toMatch(/^---\ntitle: .+\nlang: (en|ja)\n/);
    expect(mdx).not.toMatch(/<!--|^Note:|::right::|v-clicks?|^layout:/m);
    const out = join(dir, name.replace(/\.md$/, '.mdx'));
    for (const png of ['wide.png', 'tall.png']) copyFileSync(join('tests/fixtures/foreign', png), join(dir, png));
    writeFileSync(out, mdx);
    const built = await renderDeck(out);
    expect(built.compiled.dialect).toBe('kowakunai');
    const original = await renderDeck(resolve('tests/fixtures/foreign', name));
    // the same slides, the same notes
    expect(built.html.match(/<section data-slide=/g)?.length).toBe(original.html.match(/<section data-slide=/g)?.length);
    expect(built.html.match(/<aside class="notes">/g)?.length).toBe(original.html.match(/<aside class="notes">/g)?.length);
  });
  test('Slidev steps and columns as <Step> and <Columns>', () => {
    const { mdx } = toKowakunaiMdx('t.md', '---\nlayout: cover\n---\n\n# T\n\n---\n\n<v-clicks>\n\n- a\n- b\n\n</v-clicks>\n\n---\nlayout: two-cols\n---\n\nleft\n\n::right::\n\nright\n');
    expect(mdx).toContain('<TitleSlide>\n\n# T\n\n</TitleSlide>');
    expect(mdx).toContain('- <Step as="span">a</Step>\n- <Step as="span">b</Step>');
    expect(mdx).toMatch(/<Columns>\n<Column>\n\nleft\n\n<\/Column>\n<Column>\n\nright\n\n<\/Column>\n<\/Columns>/);
  });
});
