/**
 * Decks written for other tools (Slidev, Marp, reveal.js / reveal-md, mdx-deck, plain Markdown), built, checked and
 * printed by the CLI as a new user would: each has the slides its author meant, its notes as notes, and nothing on a
 * slide the author did not mean to show. The fixtures (tests/fixtures/foreign) are written in each tool's own syntax.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { slidesWithNotes } from '../src/node/pipeline/handout.js';
import { countPdfPages } from '../src/node/pdf/index.js';

const root = mkdtempSync(join(tmpdir(), 'kowakunai-foreign-'));
const decks = join(root, 'decks');
const out = join(root, 'dist');
cpSync('tests/fixtures/foreign', decks, { recursive: true });

function kowakunai(...args: string[]) {
  // generous: a loaded 2-core machine, and the first esbuild start of a fresh clone
  return spawnSync(process.execPath, ['bin/kowakunai.mjs', ...args], { encoding: 'utf8', timeout: 240_000 });
}

let built: ReturnType<typeof kowakunai>;
beforeAll(() => {
  built = kowakunai('build', decks, '--out', out);
}, 240_000);

/** The built page's slides (between the markers deckPage writes), each with its notes apart. */
function slides(id: string) {
  const page = readFileSync(join(out, id, 'index.html'), 'utf8');
  const inner = page.slice(page.indexOf('<div class="slides">\n') + '<div class="slides">\n'.length, page.lastIndexOf('\n</div>\n</div>\n</body>'));
  return slidesWithNotes(inner);
}
/** What the audience can read: the slides' text without tags (notes taken out). */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('every dialect builds, and says how it was read', () => {
  test('the build succeeds and names each deck with its dialect', () => {
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/slidev\s+7 slides[\s\S]*?read as Slidev \(frontmatter key layout:\)/);
    expect(built.stdout).toMatch(/marp\s+4 slides[\s\S]*?read as Marp \(frontmatter marp: true\)/);
    expect(built.stdout).toMatch(/reveal\s+4 slides[\s\S]*?read as reveal\.js/);
    expect(built.stdout).toMatch(/mdx-deck\s+4 slides[\s\S]*?read as mdx-deck/);
    expect(built.stdout).toMatch(/plain\s+3 slides\s.*\(ja\) 湯を沸かす話/);
  });

  test.each(['slidev', 'marp', 'reveal', 'mdx-deck', 'plain'])('%s: nothing on a slide that its author did not mean to show', (id) => {
    for (const { slide } of slides(id)) {
      const shown = text(slide);
      expect(slide).not.toMatch(/<!--|-->/);
      expect(shown).not.toMatch(/^\s*\|.*\|\s*$/m);
      expect(shown).not.toMatch(/\|\s*-{3,}/);
      expect(shown).not.toMatch(/\bNotes?:/);
      expect(shown).not.toMatch(/::right::|^\s*(layout|class|_class|paginate):/m);
      expect(shown).not.toMatch(/\[click\]|v-clicks?|export default|from 'mdx-deck'/);
    }
  });
});

describe('notes are notes', () => {
  test('Slidev: the comment that ends a slide', () => {
    const s = slides('slidev');
    expect(s[0].notes).toContain('Welcome everyone. Say who you are.');
    expect(s[1].notes).toContain('Each one appears as I say it.');
    expect(s[1].notes).not.toContain('[click]');
    expect(s[6].notes).toContain('take questions');
    expect(s[0].slide).not.toContain('Welcome everyone');
  });

  test('Marp: every comment that is not a directive', () => {
    const s = slides('marp');
    expect(s[0].notes).toContain('Say hello and introduce the kettle.');
    expect(s[1].notes).toMatch(/Pause here and pour\.\s+Ask who drinks tea\./);
    expect(s.map((x) => x.notes).join('')).not.toMatch(/_class|backgroundColor/);
  });

  test('reveal.js: from Note: to the end of the slide, vertical slides too', () => {
    const s = slides('reveal');
    expect(s[0].notes).toContain('Greet the audience. Mention the kettle.');
    expect(s[2].notes).toMatch(/This is a vertical slide\.\s+It still has notes\./);
    expect(text(s[2].slide)).toContain('More detail on the same topic.');
  });

  test('mdx-deck: <Notes>', () => {
    expect(slides('mdx-deck')[0].notes).toContain('Start slowly. Remember to breathe.');
  });
});

describe('what the author meant is on the slide', () => {
  test('GFM: tables, task lists, strikethrough, footnotes on the slide that cites them; emoji', () => {
    const [, , table] = slides('slidev');
    expect(table.slide).toMatch(/<table>[\s\S]*<td>Green<\/td>/);
    expect(table.slide).toContain('<del>boiling</del>');
    expect(table.slide).toMatch(/<input type="checkbox" checked disabled\/?> kettle on/);
    expect(slides('slidev')[0].slide).toContain('🍵');
    const marp = slides('marp');
    expect(marp[3].slide).toMatch(/<ol class="k-footnotes">[\s\S]*Only brewed tea counts/);
    expect(readFileSync(join(out, 'marp', 'index.html'), 'utf8')).not.toMatch(/data-footnotes/);
  });

  test('steps: Slidev v-clicks and v-click, reveal.js .element fragments, mdx-deck Steps', () => {
    const slidev = slides('slidev');
    expect(slidev[1].slide.match(/<li class="fragment">/g)).toHaveLength(3);
    expect(slidev[2].slide).toMatch(/<div class="callout fragment">Then, a surprise\.<\/div>/);
    expect(slides('reveal')[1].slide.match(/<li class="fragment">/g)).toHaveLength(2);
    expect(slides('mdx-deck')[1].slide.match(/class="fragment"/g)).toHaveLength(2);
  });

  test('layouts, columns, backgrounds and attributes become ours', () => {
    const slidev = slides('slidev');
    expect(slidev[0].slide).toMatch(/^<section data-slide="1" class="layout-title text-center">/);
    expect(slidev[3].slide).toMatch(/<div class="k-columns"><div class="k-column"><h1>Left side<\/h1>[\s\S]*<\/div><div class="k-column"><h1>Right side/);
    expect(slidev[4].slide).toMatch(/<img src="media\/wide-[0-9a-f]+\.png" alt class="k-bg k-bg-right"\/>/);
    const marp = slides('marp');
    expect(marp[0].slide).toMatch(/class="lead"/);
    expect(marp[1].slide).toMatch(/<img src="media\/wide-[0-9a-f]+\.png" alt="a small orange box" width="200"\/>/);
    expect(marp[2].slide).toMatch(/style="background-color: #ffe"/);
    expect(slides('reveal')[3].slide).toMatch(/data-background="#204060" class="dark-slide"/);
    expect(slides('mdx-deck')[2].slide).toMatch(/<div class="k-split"><h2>Split layout<\/h2>/);
    expect(readFileSync(join(out, 'mdx-deck', 'index.html'), 'utf8')).toMatch(/<html[^>]*class="[^"]*theme-dark/);
  });

  test('what cannot be shown is a visible box, with a warning saying so', () => {
    expect(slides('slidev')[2].slide).toMatch(/<div class="k-foreign-component" data-component="Tweet"><span class="k-foreign-label">&lt;Tweet><\/span><\/div>/);
    expect(slides('mdx-deck')[3].slide).toMatch(/data-component="Countdown"/);
    expect(slides('marp')[3].slide).toContain('<span class="k-missing-image" role="img" aria-label="logo of the tea shop">logo of the tea shop</span>');
    expect(readFileSync(join(out, 'marp', 'index.html'), 'utf8')).not.toContain('example.com');
    expect(built.stdout).toMatch(/decks\/slidev\.md:52:1: warning: <Tweet> is a Vue component/);
    expect(built.stdout).toMatch(/decks\/marp\.md:45:1: warning: image "https:\/\/example\.com\/logo\.png" is on another host and is never fetched.*curl -o logo\.png/);
    expect(built.stdout).toMatch(/decks\/plain\.md:1:1: warning: no lang in the frontmatter: the text reads as Japanese, so lang: ja/);
    expect(built.stdout).toMatch(/decks\/marp\.md:1:1: warning: no title in the frontmatter: using the first heading, "Kettles and patience"/);
  });
});

test('one .md file is a deck for build, check and pdf', () => {
  const file = join(decks, 'slidev.md');
  const single = join(root, 'single');
  const b = kowakunai('build', file, '--out', single);
  expect(b.status, b.stderr).toBe(0);
  expect(b.stdout).toMatch(/built 1 deck\(s\), 7 slides/);
  const c = kowakunai('check', file, '--out', single);
  expect(c.status, c.stdout + c.stderr).toBe(0);
  expect(c.stdout).toMatch(/every slide fits \(1 deck/);
  const p = kowakunai('pdf', file, '--out', single);
  expect(p.status, p.stderr).toBe(0);
  expect(countPdfPages(readFileSync(join(single, 'slidev.pdf')))).toBe(7);
  expect(existsSync(join(single, 'slidev-handout.pdf'))).toBe(true);
}, 600_000);

test('check passes on every dialect, the mdx-deck one included', () => {
  const c = kowakunai('check', decks, '--out', out);
  expect(c.status, c.stdout + c.stderr).toBe(0);
  expect(c.stdout).toMatch(/every slide fits \(5 decks/);
  // the build above is fresh: check does not build again
  expect(c.stdout).not.toMatch(/building first/);
}, 300_000);

test('check rebuilds when one of the deck\'s own files changed, not when another file in its folder did', () => {
  writeFileSync(join(decks, 'todo.txt'), 'not part of any deck\n');
  const untouched = kowakunai('check', join(decks, 'marp.md'), '--out', out);
  expect(untouched.status, untouched.stdout + untouched.stderr).toBe(0);
  expect(untouched.stdout).not.toMatch(/building first/);
  // its picture is one of its files
  const later = new Date(Date.now() + 2000);
  utimesSync(join(decks, 'wide.png'), later, later);
  const touched = kowakunai('check', join(decks, 'marp.md'), '--out', out);
  expect(touched.status, touched.stdout + touched.stderr).toBe(0);
  expect(touched.stdout).toMatch(/building first: .*wide\.png changed after the last build/);
}, 300_000);
