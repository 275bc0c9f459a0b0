/**
 * The talk's two decks (Japanese and English) must stay twins: same slides, same order,
 * same section ids, every section present, and speaker notes on every slide.
 * Plain text parsing, no build needed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DECKS = { ja: 'slides/asyncio-ja/index.mdx', en: 'slides/asyncio-en/index.mdx' } as const;

/** Every section id of the talk, in the order of the outline. */
export const SECTION_IDS = [
  'title',
  'django-async-road',
  'what-is-asgi',
  'menu',
  'goals',
  'asyncio-facts',
  'not-scary',
  'restaurant',
  'coroutine-task-loop',
  'demo-await',
  'demo-tasks',
  'demo-gather',
  'demo-blocking-client',
  'demo-async-client',
  'asyncio-summary',
  'django-async-views',
  'sync-to-async',
  'async-orm',
  'epilogue',
  'matome',
  'references',
  'appendix-concurrency',
  'appendix-rules',
] as const;

export interface Slide {
  /** 1-based */
  index: number;
  /** line of the file where the slide starts (1-based) */
  line: number;
  text: string;
  section: string | undefined;
  notes: string | undefined;
}

export interface Deck {
  frontmatter: string;
  slides: Slide[];
}

/** Splits an MDX deck: frontmatter skipped, slides cut on lines that are exactly `---` outside code fences. */
export function parseDeck(source: string): Deck {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let start = 0;
  let frontmatter = '';
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end < 0) throw new Error('unterminated frontmatter');
    frontmatter = lines.slice(1, end).join('\n');
    start = end + 1;
  }
  const chunks: { line: number; lines: string[] }[] = [{ line: start + 1, lines: [] }];
  let fence: string | null = null;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (m) {
      if (fence === null) fence = m[1];
      else if (line.trim().startsWith(fence[0].repeat(fence.length)) && line.trim().replace(/[`~]/g, '') === '') fence = null;
    }
    if (fence === null && line === '---') chunks.push({ line: i + 2, lines: [] });
    else chunks[chunks.length - 1].lines.push(line);
  }
  const slides = chunks
    .map((c) => ({ line: c.line, text: c.lines.join('\n') }))
    .filter((c) => c.text.trim() !== '')
    .map((c, i): Slide => {
      const section = /<SlideMeta\b[^>]*\bsection="([^"]*)"/.exec(c.text)?.[1];
      const notes = /<Notes>([\s\S]*?)<\/Notes>/.exec(c.text)?.[1];
      return { index: i + 1, line: c.line, text: c.text, section, notes };
    });
  return { frontmatter, slides };
}

function load(path: string): Deck {
  return parseDeck(readFileSync(join(root, path), 'utf8'));
}

/** The slide's own content, without the module-level import/export lines the first slide carries. */
function body(slide: Slide): string {
  return slide.text
    .split('\n')
    .filter((l) => !/^(import|export)\s/.test(l))
    .join('\n')
    .trim();
}

const decks = { ja: load(DECKS.ja), en: load(DECKS.en) };

describe('the asyncio talk decks', () => {
  for (const [lang, deck] of Object.entries(decks)) {
    describe(`${lang} deck`, () => {
      it('declares its language and a title in the frontmatter', () => {
        expect(deck.frontmatter).toMatch(new RegExp(`^lang:\\s*${lang}\\s*$`, 'm'));
        expect(deck.frontmatter).toMatch(/^title:\s*\S/m);
      });

      it('has 45–70 slides', () => {
        expect(deck.slides.length).toBeGreaterThanOrEqual(45);
        expect(deck.slides.length).toBeLessThanOrEqual(70);
      });

      it('starts every slide with a <SlideMeta section> from the list', () => {
        const bad = deck.slides.filter((s) => !s.section || !(SECTION_IDS as readonly string[]).includes(s.section) || !body(s).startsWith('<SlideMeta'));
        expect(bad.map((s) => `slide ${s.index} (line ${s.line}): ${s.section ?? 'no SlideMeta'}`)).toEqual([]);
      });

      it('uses every section id', () => {
        const used = new Set(deck.slides.map((s) => s.section));
        expect(SECTION_IDS.filter((id) => !used.has(id))).toEqual([]);
      });

      it('keeps sections in the order of the outline', () => {
        const order = deck.slides.map((s) => SECTION_IDS.indexOf(s.section as (typeof SECTION_IDS)[number]));
        const backwards = order.flatMap((o, i) => (i > 0 && o < order[i - 1] ? [`slide ${i + 1}: ${deck.slides[i].section}`] : []));
        expect(backwards).toEqual([]);
      });

      it('has non-empty speaker notes on every slide', () => {
        const missing = deck.slides.filter((s) => !s.notes || s.notes.trim() === '');
        expect(missing.map((s) => `slide ${s.index} (line ${s.line}, ${s.section})`)).toEqual([]);
      });

      it('points every <Cell src> at an existing file', () => {
        const srcs = deck.slides.flatMap((s) => [...s.text.matchAll(/<Cell\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]));
        expect(srcs.length).toBeGreaterThan(0);
        const deckDir = dirname(join(root, DECKS[lang as keyof typeof DECKS]));
        expect(srcs.filter((src) => !existsSync(resolve(deckDir, src)))).toEqual([]);
      });
    });
  }

  it('the two decks have the same number of slides', () => {
    expect(decks.en.slides.length).toBe(decks.ja.slides.length);
  });

  it('the two decks have the same sequence of section ids', () => {
    expect(decks.en.slides.map((s) => s.section)).toEqual(decks.ja.slides.map((s) => s.section));
  });

  it('the two decks run the same demos on the same slides, each from its own language\'s cell files', () => {
    const cells = (d: Deck) => d.slides.map((s) => [...s.text.matchAll(/<Cell\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]));
    const names = (d: Deck) => cells(d).map((srcs) => srcs.map((src) => src.split('/').pop()).join(' '));
    expect(names(decks.en)).toEqual(names(decks.ja));
    expect(cells(decks.ja).flat().filter((src) => !src.startsWith('../cells/ja/'))).toEqual([]);
    expect(cells(decks.en).flat().filter((src) => !/^\.\.\/cells\/[^/]+$/.test(src))).toEqual([]);
  });

  it('a Japanese cell differs from its English twin only in strings and comments (one program per demo)', () => {
    /** The code with every string literal replaced by S and every comment removed. */
    const logic = (code: string, py: boolean): string =>
      code
        .replace(py ? /[fr]?"(?:[^"\\\n]|\\.)*"|[fr]?'(?:[^'\\\n]|\\.)*'|#[^\n]*/g : /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\/\/[^\n]*/g, (m) =>
          m.startsWith('#') || m.startsWith('//') ? '' : 'S',
        )
        .replace(/[ \t]+$/gm, '')
        .replace(/\n{2,}/g, '\n')
        .trim();
    const jaDir = join(root, 'slides/cells/ja');
    const files = readdirSync(jaDir);
    expect(files.length).toBeGreaterThanOrEqual(14);
    for (const f of files) {
      const ja = readFileSync(join(jaDir, f), 'utf8');
      const en = readFileSync(join(root, 'slides/cells', f), 'utf8');
      expect(logic(ja, f.endsWith('.py')), f).toBe(logic(en, f.endsWith('.py')));
      // and the Japanese one speaks Japanese
      expect(ja, f).toMatch(/[\u3040-\u30ff]/);
    }
  });
});

describe('parseDeck', () => {
  it('skips frontmatter and never splits inside a code fence', () => {
    const deck = parseDeck(
      ['---', 'title: x', 'lang: en', '---', '', '<SlideMeta section="a" />', '', '```python', '---', '```', '', '---', '', '<SlideMeta section="b" />', ''].join('\n'),
    );
    expect(deck.frontmatter).toBe('title: x\nlang: en');
    expect(deck.slides.map((s) => s.section)).toEqual(['a', 'b']);
  });
});

describe('the talk states its facts right and in its own words', () => {
  const raw = { ja: readFileSync(join(root, DECKS.ja), 'utf8'), en: readFileSync(join(root, DECKS.en), 'utf8') };

  it('names the 2017 speaker 芝田 将 (Masashi Shibata), never 柴田', () => {
    expect(raw.ja).not.toContain('柴田');
    expect(raw.ja).toContain('芝田 将');
    expect(raw.en).toContain('Masashi Shibata');
  });

  it('places "How To Break Django: With Async" at DjangoCon Europe 2020', () => {
    for (const text of Object.values(raw)) expect(text).toMatch(/How To Break Django: With Async[^\n]*DjangoCon Europe 2020/);
  });

  // The 2017 talk's reading list says 2015; Tzu-ping Chung gave it at PyCon TW, APAC and JP in 2016.
  it('places "You Might Not Want Async" at PyCon JP 2016, with its speaker', () => {
    for (const text of Object.values(raw)) {
      expect(text).toMatch(/Tzu-ping Chung[^\n]*You Might Not Want Async[^\n]*PyCon JP 2016|Tzu-ping Chung[^\n]*PyCon JP 2016[^\n]*You Might Not Want Async/);
      expect(text).not.toMatch(/PyCon JP 2015/);
    }
  });

  it('quotes Ryan Dahl\'s question as his own words, in a blockquote naming JSConf EU 2009', () => {
    for (const deck of Object.values(decks)) {
      const slide = deck.slides.find((s) => /Ryan Dahl/.test(s.text))!;
      const quote = slide.text.split('\n').filter((l) => l.startsWith('>')).join('\n');
      expect(quote).toContain('What is the software doing while it queries the database?');
      expect(quote).toMatch(/^> — Ryan Dahl\b.*JSConf EU 2009/m);
      expect(slide.text).not.toMatch(/in our words|要旨/);
    }
  });

  // CPython: awaiting a coroutine that returns without suspending runs it inline; no other task gets a turn.
  it('never says the loop switches at every await', () => {
    for (const text of Object.values(raw)) expect(text).not.toMatch(/(at|on) (every|each) await|await (のたび|ごと)/);
  });

  it('reports the talk\'s 0.915 s warning for the blocking step, not one per customer', () => {
    for (const deck of Object.values(decks)) {
      const slide = deck.slides.find((s) => /0\.915/.test(s.text) && /debug=True/.test(s.text))!;
      expect(slide.text).not.toMatch(/each of the three|per customer|3 ?人それぞれ/);
    }
  });

  it('gives the forum post as a summary, not an unattributed quotation', () => {
    for (const text of Object.values(raw)) expect(text).not.toContain('my initial goal was 4.0');
  });

  it('says that list(qs.values()) inside async code still raises, and evaluates on the sync side', () => {
    for (const deck of Object.values(decks)) {
      const orm = deck.slides.find((s) => /SynchronousOnlyOperation/.test(s.text) && /sync_to_async/.test(s.text))!;
      expect(orm.text).toMatch(/rows = list\(Dish\.objects\.values\(\)\)\s+# (これも|also) NG/);
    }
  });

  // The source documents live beside the repository (../shared/talk/seeds); a fresh clone may not have them.
  const seedDir = resolve(root, '../shared/talk/seeds');
  it.skipIf(!existsSync(seedDir))('the Japanese deck carries over no sentence of the source documents (quotations aside)', () => {
    const norm = (s: string) => s.replace(/[\s、。，．,.「」『』（）()・:：!！?？"“”'`*_>\-—…]/g, '');
    const seeds = readdirSync(seedDir).map((f) => norm(readFileSync(join(seedDir, f), 'utf8')));
    const jp = /[\u3040-\u30ff\u4e00-\u9fff]/g;
    const found: string[] = [];
    for (const slide of decks.ja.slides) {
      for (const line of slide.text.split('\n')) {
        if (/^\s*>/.test(line)) continue; // a marked quotation, with its speaker on the slide
        const own = norm(line.replace(/「[^」]*」/g, '|')); // 「…」: quoted titles and words
        for (const part of own.split('|')) {
          // longest run shared with a source document that holds 15 or more Japanese characters (a title or a term is shorter)
          for (let i = 0; i < part.length; i++) {
            let j = i;
            while (j < part.length && seeds.some((s) => s.includes(part.slice(i, j + 1)))) j++;
            const run = part.slice(i, j);
            if ((run.match(jp) ?? []).length >= 15) {
              found.push(`slide ${slide.index}: ${run}`);
              i = j;
            }
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
