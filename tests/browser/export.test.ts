/**
 * `kowakunai export` on the example deck of the global setup's build: PNGs of 1920×1080 named by deck
 * and slide, --range and --steps, a PPTX PowerPoint and LibreOffice open (its slides, pictures, alt text, notes),
 * a PDF with one bookmark per section, a range past the deck's end, and strokes from a drawings file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { exportDecks, type ExportDecksOptions } from '../../src/node/export/export-decks.js';
import { parseRange } from '../../src/node/export/range.js';
import { UsageError } from '../../src/node/cli/verb.js';

const distDir = inject('distDir');
const out = mkdtempSync(join(tmpdir(), 'kowakunai-export-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const html = readFileSync(join(distDir, 'example', 'index.html'), 'utf8');
/** how many slides the example has today */
const total = (html.match(/<section data-slide="\d+"/g) ?? []).length;
/** the deck's slides as built: the section's markup by slide number */
const slideHtml = (n: number) => new RegExp(`<section data-slide="${n}"[\\s\\S]*?(?=<section data-slide=|$)`).exec(html)![0];
const text = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const heading = (n: number) => text(/<h[12][^>]*>([\s\S]*?)<\/h[12]>/.exec(slideHtml(n))![1]);
const notes = (n: number) => text(/<aside class="notes">([\s\S]*?)<\/aside>/.exec(slideHtml(n))?.[1] ?? '');
const pngSize = (file: string) => {
  const b = readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

function run(sub: string, opts: Partial<ExportDecksOptions> & Pick<ExportDecksOptions, 'format'>) {
  return exportDecks({ distDir, outDir: join(out, sub), decks: ['example'], log: () => {}, ...opts });
}

describe('png', () => {
  test('one 1920×1080 image per slide, named by deck and slide', async () => {
    const [done] = await run('all', { format: 'png' });
    const files = readdirSync(join(out, 'all')).sort();
    expect(total).toBeGreaterThanOrEqual(7);
    expect(files).toEqual(Array.from({ length: total }, (_, i) => `example-${String(i + 1).padStart(2, '0')}.png`));
    expect(done.count).toBe(total);
    for (const f of files) expect(pngSize(join(out, 'all', f))).toEqual({ width: 1920, height: 1080 });
  });

  test('--range 2,3 --steps: an image per step of those slides', async () => {
    const steps = new Set([...slideHtml(3).matchAll(/class="fragment[^"]*"(?:[^>]*data-fragment-index="(\d+)")?/g)].map((m, i) => m[1] ?? `n${i}`)).size;
    expect(steps).toBeGreaterThan(0);
    await run('steps', { format: 'png', range: parseRange('2,3'), steps: true });
    const files = readdirSync(join(out, 'steps')).sort();
    expect(files).toEqual(['example-02-1.png', ...Array.from({ length: steps + 1 }, (_, i) => `example-03-${i + 1}.png`)]);
    // the steps differ: each shows one more fragment
    const bytes = files.filter((f) => f.startsWith('example-03')).map((f) => readFileSync(join(out, 'steps', f)).toString('base64'));
    expect(new Set(bytes).size).toBe(bytes.length);
  });

  test('a range past the deck is a usage error that names the deck and its length', async () => {
    const error = await run('past', { format: 'png', range: parseRange(`${total - 1}-${total + 2}`) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(`deck "example" has ${total} slides, there is no slide ${total + 2}`);
  });
});

test('pptx: one slide per slide, the picture full-bleed with the slide text as alt text and title, the notes on the notes page', async () => {
  await run('pptx', { format: 'pptx' });
  const zip = await JSZip.loadAsync(readFileSync(join(out, 'pptx', 'example.pptx')));
  const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
  expect(slides).toHaveLength(total);
  expect(Object.keys(zip.files).filter((f) => /^ppt\/media\/.+\.png$/.test(f))).toHaveLength(total);
  for (const n of [2, 4]) {
    const xml = await zip.file(`ppt/slides/slide${n}.xml`)!.async('string');
    const pic = /<p:nvPicPr>\s*<p:cNvPr\b([^>]*)>/.exec(xml)![1];
    expect(/\btitle="([^"]*)"/.exec(pic)?.[1]).toBe(heading(n));
    // the alt text is the slide's text, line by line
    const alt = /\bdescr="([^"]*)"/.exec(pic)![1];
    expect(alt.startsWith(`${heading(n)}&#10;`)).toBe(true);
    // full bleed: the picture is the slide's size (16:9, 10 × 5.625 in)
    expect(xml).toMatch(/<a:off x="0" y="0"\/>\s*<a:ext cx="9144000" cy="5143500"\/>/);
    const rels = await zip.file(`ppt/slides/_rels/slide${n}.xml.rels`)!.async('string');
    const notesFile = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)![1];
    const notesXml = await zip.file(`ppt/notesSlides/${notesFile}`)!.async('string');
    const said = [...notesXml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' ').replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(notes(n).length).toBeGreaterThan(10);
    expect(said.replace(/\s+/g, ' ')).toContain(notes(n).slice(0, 40));
  }
});

test('pdf: --range picks pages, and the outline has one bookmark per section, pointing at its page', async () => {
  // slides with neither stepped code nor a magic move: one page each (those get a page per step or version)
  for (const n of [2, 3, 4, 5]) expect(slideHtml(n)).not.toMatch(/k-mm|k-code-step/);
  await run('pdf', { format: 'pdf', range: parseRange('2-5') });
  const doc = await PDFDocument.load(readFileSync(join(out, 'pdf', 'example.pdf')));
  expect(doc.getPageCount()).toBe(4);
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
  const titles: string[] = [];
  const pages: number[] = [];
  const refs = doc.getPages().map((p) => p.ref.toString());
  for (let item = outlines.lookup(PDFName.of('First')) as PDFDict | undefined; item; item = item.lookup(PDFName.of('Next')) as PDFDict | undefined) {
    titles.push((item.lookup(PDFName.of('Title')) as PDFHexString | PDFString).decodeText());
    const dest = item.lookup(PDFName.of('Dest')) as unknown as { get(i: number): { toString(): string } };
    pages.push(refs.indexOf(dest.get(0).toString()));
  }
  // every slide of the example deck has a section of its own
  expect(titles).toEqual([2, 3, 4, 5].map(heading));
  expect(pages).toEqual([0, 1, 2, 3]);
});

test('strokes from a drawings file are drawn on their slide in the print view the exports come from', async () => {
  const { openPrintView } = await import('../../src/node/pdf/print-view.js');
  const { launchChromium } = await import('./chromium.js');
  const { serveSite } = await import('../../src/node/pdf/serve.js');
  const site = await serveSite(distDir);
  const browser = await launchChromium();
  try {
    const stroke = { id: 'circle', color: '#e5243b', width: 6, points: [100, 100, 300, 120, 320, 300] };
    const view = await openPrintView(browser, `${site.url}example/`, { drawings: { deck: 'example', drawings: { 'files#0': [stroke] } } });
    const onSlide = await view.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.pdf-page section[data-slide]')].map((s) => ({
        section: s.dataset.section,
        strokes: s.querySelectorAll('svg.k-pen path[data-stroke="circle"]').length,
      })),
    );
    await view.close();
    // on its slide (the section "files"), on no other page
    expect(onSlide.length).toBeGreaterThanOrEqual(total);
    expect(onSlide.filter((p) => p.strokes > 0)).toEqual([{ section: 'files', strokes: 1 }]);
  } finally {
    await browser.close();
    await site.close();
  }
});
