/**
 * npm run pdf, proved on the built example deck: page counts, text a reader can search (titles,
 * recorded times, notes), embedded fonts, clickable links, progress lines, and clear errors when
 * there is no browser or the output folder cannot be written.
 *
 * In the browser project because it prints the site the global setup built (.cache/test-dist, the
 * real decks plus fixtures), and so that it never competes with the other browser files for the
 * two cores. PDFs go to a temporary folder, never into the shared test site.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  countPdfPages,
  exportPdfs,
  findBrowser,
  firstPageSize,
  NoBrowserError,
  OutputNotWritableError,
  type ExportedPdf,
} from '../../src/node/pdf/index.js';
import { textOfHtml } from '../../src/shared/format.js';

const distDir = inject('distDir');
const tmp = mkdtempSync(join(tmpdir(), 'kowakunai-pdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: install poppler-utils (Debian/Ubuntu: sudo apt-get install poppler-utils)`);
    }
    throw error;
  }
}
/** The text of a PDF (or of one page), whitespace collapsed: pdftotext breaks lines where the layout does. */
const text = (file: string, page?: number) =>
  poppler('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', file, '-']).replace(/\s+/g, ' ');
const info = (file: string) => poppler('pdfinfo', [file]);

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** What the built example deck says about itself: one title per slide, its recorded cell times, its notes. */
function deckFacts(deck: string) {
  const html = readFileSync(join(distDir, deck, 'index.html'), 'utf8');
  const sections = html.split(/<section data-slide=/).slice(1);
  return {
    slides: sections.length,
    // a magic move prints a page per version, stepped code a page per step (print-steps.ts): the pages their later
    // versions and steps add, the slide's longest block deciding (panes of <Twins> step together)
    stepPages: sections.reduce((n, s) => {
      const versions = [...s.matchAll(/data-magic-move="(\d+)"/g)].map((m) => Number(m[1]));
      const steps = [...s.matchAll(/data-steps="([^"]*)"/g)].map((m) => (JSON.parse(m[1].replace(/&quot;|&#x22;|&#34;/g, '"')) as unknown[]).length);
      return n + Math.max(0, ...[...versions, ...steps].map((k) => k - 1));
    }, 0),
    titles: sections.map((s) => decode(/<h[12][^>]*>([\s\S]*?)<\/h[12]>/.exec(s)?.[1] ?? '')),
    times: [...html.matchAll(/data-role="elapsed">(\d+\.\d\d s)</g)].map((m) => m[1]),
    notes: sections.map((s) => decode(/<aside class="notes">([\s\S]*?)<\/aside>/.exec(s)?.[1] ?? '')),
  };
}

describe('npm run pdf on the example deck', () => {
  const log: string[] = [];
  let pdfs: ExportedPdf[] = [];
  let started = 0;
  const facts = deckFacts('example');
  const file = (kind: 'slides' | 'handout') => join(tmp, kind === 'slides' ? 'example.pdf' : 'example-handout.pdf');

  beforeAll(async () => {
    started = performance.now();
    pdfs = await exportPdfs({ distDir, outDir: tmp, decks: ['example'], log: (l) => log.push(l) });
  }, 120_000);

  test('writes both PDFs, one page per slide, and reports them', () => {
    expect(facts.slides).toBeGreaterThanOrEqual(7);
    expect(facts.titles.every((t) => t.length > 0)).toBe(true);
    expect(pdfs.map((p) => p.kind)).toEqual(['slides', 'handout']);
    // the example's magic move has three versions, its stepped block and its stepped cell three steps each:
    // two pages more each in the slides PDF
    expect(facts.stepPages).toBe(6);
    const expected = { slides: facts.slides + facts.stepPages, handout: facts.slides };
    for (const kind of ['slides', 'handout'] as const) {
      const pdf = readFileSync(file(kind));
      const pages = Number(/Pages:\s+(\d+)/.exec(info(file(kind)))?.[1]);
      // the documented rule: one page per slide (and per magic-move version or code step); the handout is one A4 page per
      // slide too (long articles are zoomed to fit)
      expect(pages, kind).toBe(expected[kind]);
      expect(countPdfPages(pdf), `${kind}: our own page counter agrees with pdfinfo`).toBe(pages);
      expect(pdfs.find((p) => p.kind === kind)).toMatchObject({ pages, slides: facts.slides, file: file(kind) });
    }
    const out = log.join('\n');
    expect(out).toMatch(/\[1\/1\] example/);
    expect(out).toMatch(new RegExp(`slides\\s+${expected.slides} pages`));
    expect(out).toMatch(new RegExp(`handout\\s+${expected.handout} pages`));
    expect(out).toContain(file('slides'));
    expect(out).toContain(file('handout'));
    console.log(`exported example (${facts.slides} slides, both PDFs) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });

  test('slides are 16:9 pages, the handout A4 portrait', () => {
    const slides = firstPageSize(readFileSync(file('slides')))!;
    expect(Math.abs(slides.width / slides.height - 16 / 9)).toBeLessThan(0.005);
    expect(info(file('slides'))).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts/);
    expect(info(file('handout'))).toMatch(/Page size:.*\(A4\)/);
  });

  test('the text is searchable: every title, the recorded times, no "Run" button', () => {
    const slides = text(file('slides'));
    for (const title of facts.titles) expect(slides).toContain(title);
    expect(facts.times.length).toBeGreaterThanOrEqual(2);
    for (const time of facts.times) expect(slides).toContain(time);
    expect(slides).toMatch(/\d\.\d\d s/);
    expect(slides).toContain('recorded at build time');
    expect(slides).not.toMatch(/Run ▶|Stop ■|Reset/);
  });

  test('each handout page carries its slide, its notes and its cells\' code, output and time', () => {
    const all = text(file('handout'));
    expect(all).not.toMatch(/Run ▶|Stop ■/);
    facts.titles.forEach((title, i) => {
      const page = text(file('handout'), i + 1);
      expect(page, `handout page ${i + 1}`).toContain(title);
      // the first words of the notes (pdftotext may hyphenate or reflow the end of a long paragraph)
      expect(page, `notes on handout page ${i + 1}`).toContain(facts.notes[i].slice(0, 40));
    });
    const cellPage = text(file('handout'), facts.titles.findIndex((t) => /live cell, written/.test(t)) + 1);
    expect(cellPage).toContain("for (const name of ['A', 'B', 'C'])");
    expect(cellPage).toMatch(/\d\.\d\d s A starts/);
    expect(cellPage).toContain(facts.times[0]);
    // the timeline's axis (its ticks depend on the recorded time, which a busy machine stretches)
    expect(cellPage).toMatch(/main.*0 ?s.*0\.\d+ s/);
  });

  test('fonts are embedded', () => {
    for (const kind of ['slides', 'handout'] as const) {
      const rows = poppler('pdffonts', [file(kind)]).trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row, `${kind}: ${row}`).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
      expect(rows.some((r) => /NotoSansJP/.test(r)), 'the bundled Noto Sans JP is used').toBe(true);
    }
  });
});

test('Japanese decks: searchable Japanese text and clickable links', async () => {
  const facts = deckFacts('asyncio-ja');
  const [pdf] = await exportPdfs({ distDir, outDir: tmp, decks: ['asyncio-ja'], kinds: ['slides'], log: () => {} });
  // a page per slide, and one per later version of a magic move (its morphing cell's) or step of stepped code
  expect(pdf.pages).toBe(facts.slides + facts.stepPages);
  const all = text(pdf.file);
  expect(all).toContain('こわくない asyncio');
  for (const title of facts.titles.filter(Boolean).slice(0, 10)) expect(all).toContain(title);
  // the references slide links out: the link annotations survive printing
  const bytes = readFileSync(pdf.file).toString('latin1');
  expect(bytes).toMatch(/\/URI \(https:\/\/dev\.to\/arocks\/better-examples-of-django-async-views-295d\)/);
}, 120_000);

describe('the handout page (dist/<deck>/handout.html)', () => {
  test('one article per slide; live cells show their recording and nothing to click', () => {
    const facts = deckFacts('example');
    const html = readFileSync(join(distDir, 'example/handout.html'), 'utf8');
    expect(html.match(/<article class="handout-page"/g)).toHaveLength(facts.slides);
    expect(html).not.toMatch(/<button|data-action=|data-role="cell-data"/);
    expect(html).toContain('recorded at build time');
    for (const time of facts.times) expect(html).toContain(time);
    // opts out of reveal.css's "paper" print rules, which would re-flow the slide pictures
    expect(html).toMatch(/<html[^>]*class="[^"]*\bprint-pdf\b/);
  });

  test("both talks' handout PDFs carry every line of every cell, twins included, and every recorded output line", async () => {
    const pdfs = await exportPdfs({ distDir, outDir: tmp, decks: ['asyncio-ja', 'asyncio-en'], kinds: ['handout'], log: () => {} });
    for (const pdf of pdfs) {
      const html = readFileSync(join(distDir, pdf.deck, 'index.html'), 'utf8');
      type Run = { id: string; source?: string; recorded: { output: { text: string }[] } | null };
      const payloads = [...html.matchAll(/<live-cell[\s\S]*?<\/live-cell>/g)].flatMap(([cell]) => {
        const data = /<script type="application\/json" data-role="cell-data">([\s\S]*?)<\/script>/.exec(cell)![1]!;
        const payload = JSON.parse(data) as Run & { versions?: (Run & { source: string })[] };
        // the build leaves the source out of the JSON when the highlighted code holds it, as the page reads it
        const code = /data-role="code"[^>]*>([\s\S]*?)<\/div><div class="k-cell-results">/.exec(cell)![1]!;
        // a cell with steps (demos 1 → 2 → 3): the handout prints every version, each with its recorded run
        return [{ ...payload, source: payload.source ?? `${textOfHtml(code)}\n` }, ...(payload.versions ?? [])];
      });
      expect(payloads.length, pdf.deck).toBeGreaterThanOrEqual(15);
      // compared without whitespace: pdftotext spaces Japanese next to Latin text as it likes
      const squeeze = (t: string) => t.replace(/\s+/g, '');
      const all = squeeze(text(pdf.file));
      // pdftotext's reading order may put a trailing comment after the next line (it did for a zoomed article);
      // its layout mode keeps each printed line together: a line of code is there if either finds it
      const laidOut = squeeze(poppler('pdftotext', ['-layout', '-enc', 'UTF-8', pdf.file, '-']));
      for (const cell of payloads) {
        const lines = cell.source.split('\n').map(squeeze).filter(Boolean);
        const missing = lines.filter((l) => !all.includes(l) && !laidOut.includes(l));
        expect(missing, `${pdf.deck}: lines of cell "${cell.id}" missing from the handout PDF`).toEqual([]);
        // short output lines (long ones wrap, and pdftotext may split them mid-word)
        const output = (cell.recorded?.output ?? []).map((o) => squeeze(o.text)).filter((t) => t && t.length < 60);
        expect(output.filter((t) => !all.includes(t)), `${pdf.deck}: output of cell "${cell.id}"`).toEqual([]);
      }
    }
  }, 150_000);
});

describe('clear errors', () => {
  test('no browser: CHROME_PATH points nowhere and there is no fallback', async () => {
    const missing = '/nonexistent/chrome';
    const lookup = { env: { CHROME_PATH: missing }, candidates: [] };
    expect(() => findBrowser(lookup)).toThrow(NoBrowserError);
    const out = join(tmp, 'no-browser');
    const error = await exportPdfs({ distDir, outDir: out, decks: ['example'], browser: lookup, log: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoBrowserError);
    const message = (error as Error).message;
    expect(message).toContain(`CHROME_PATH is set to ${missing}`);
    expect(message).toContain('apt-get install chromium');
    expect(readdirSync(out)).toEqual([]);
  });

  test('a bad CHROME_PATH falls back to the system browser, with a warning', () => {
    const found = findBrowser({ env: { CHROME_PATH: '/nonexistent/chrome' }, candidates: ['/usr/bin/fake-chromium'], isExecutable: (p) => p === '/usr/bin/fake-chromium' });
    expect(found.path).toBe('/usr/bin/fake-chromium');
    expect(found.warning).toContain('/nonexistent/chrome');
    expect(() => findBrowser({ env: {}, candidates: ['/nope'], isExecutable: () => false })).toThrow(/CHROME_PATH is not set[\s\S]*\/nope/);
  });

  test('an output folder that cannot be written', async () => {
    // a file where a folder should be: fails for root too, who ignores permission bits
    const blocker = join(tmp, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const target = join(blocker, 'pdfs');
    const error = await exportPdfs({ distDir, outDir: target, decks: ['example'], log: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputNotWritableError);
    expect((error as Error).message).toContain(`Cannot write the PDFs to ${target}`);
    expect((error as Error).message).toMatch(/not a folder/);

    if (process.getuid?.() !== 0) {
      const locked = mkdtempSync(join(tmp, 'locked-'));
      chmodSync(locked, 0o555);
      const denied = await exportPdfs({ distDir, outDir: locked, decks: ['example'], log: () => {} }).catch((e: unknown) => e);
      chmodSync(locked, 0o755);
      expect((denied as Error).message).toMatch(/permission denied/);
    }
  });
});

test('the npm script prints progress, writes beside the decks and links the PDFs from the index', () => {
  // a copy of the built site, so the shared one keeps no PDFs (freshly copied: no rebuild needed)
  const site = join(tmp, 'site');
  cpSync(distDir, site, { recursive: true });
  rmSync(join(site, 'example.pdf'), { force: true });
  expect(readFileSync(join(site, 'index.html'), 'utf8')).not.toContain('href="example.pdf"');
  const run = spawnSync(process.execPath, ['bin/kowakunai.mjs', 'pdf', resolve('.cache/test-slides/example'), '--out', site], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.stderr + run.stdout).not.toMatch(/building first/);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/\[1\/1\] example/);
  expect(run.stdout).toMatch(/wrote 2 PDFs/);
  const facts = deckFacts('example');
  expect(run.stdout).toMatch(new RegExp(`example\\.pdf\\s+${facts.slides + facts.stepPages} pages`));
  expect(run.stdout).toMatch(new RegExp(`example-handout\\.pdf\\s+${facts.slides} pages`));
  expect(existsSync(join(site, 'example.pdf'))).toBe(true);
  const index = readFileSync(join(site, 'index.html'), 'utf8');
  expect(index).toContain('href="example.pdf"');
  expect(index).toContain('href="example-handout.pdf"');
  // decks listed from disk keep their place in the index
  expect(index).toContain('data-deck="asyncio-ja"');

  const unknown = spawnSync(process.execPath, ['bin/kowakunai.mjs', 'pdf', 'no-such-deck', '--out', site], { encoding: 'utf8' });
  // a deck that is not there is a usage mistake: one line, exit code 2
  expect(unknown.status).toBe(2);
  expect(unknown.stderr.trim()).toMatch(/^kowakunai pdf: no such deck: no-such-deck[^\n]*$/);
}, 150_000);
