/**
 * The pure parts of the pen and of `kowakunai export`: the strokes' ops (what every window, the server and a
 * drawings file agree on), the --range option, which print-view pages an export keeps, and the PDF's outline.
 * Then the command's mistakes a user makes, each one line and exit code 2, before anything is built.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyPenOp, addPoint, parsePenOp, slideOps, strokePath, type Drawings, type Stroke } from '../src/shared/pen.js';
import { parseRange, slidesIn } from '../src/node/export/range.js';
import { pagesToKeep } from '../src/node/export/export-decks.js';
import { outlineOf } from '../src/node/pdf/pdf-outline.js';
import { notesInParagraphs } from '../src/node/export/pptx.js';
import type { PrintedPage } from '../src/node/pdf/print-view.js';

const stroke = (id: string, points = [10, 10, 50, 60]): Stroke => ({ id, color: '#e5243b', width: 6, points });

describe('pen ops', () => {
  test('a stroke grows under the same id, is erased alone, and put [] clears the slide', () => {
    const d: Drawings = {};
    applyPenOp(d, { op: 'add', slide: 'intro#0', stroke: stroke('a', [1, 1]) });
    applyPenOp(d, { op: 'add', slide: 'intro#0', stroke: stroke('a', [1, 1, 5, 5]) });
    applyPenOp(d, { op: 'add', slide: 'intro#0', stroke: stroke('b') });
    expect(d['intro#0'].map((s) => [s.id, s.points.length])).toEqual([['a', 4], ['b', 4]]);
    applyPenOp(d, { op: 'erase', slide: 'intro#0', id: 'a' });
    expect(d['intro#0'].map((s) => s.id)).toEqual(['b']);
    applyPenOp(d, { op: 'put', slide: 'intro#0', strokes: [] });
    expect(d).toEqual({});
  });

  test('a slide replayed as ops (what the presenter sends a restarted server) gives the same strokes back', () => {
    const strokes = [stroke('a'), stroke('b', [0, 0, 100, 100, 200, 50])];
    const d: Drawings = { 'demo#1': [stroke('old')] };
    for (const op of slideOps('demo#1', strokes)) applyPenOp(d, op);
    expect(d['demo#1']).toEqual(strokes);
  });

  test('what another window or the network sends is checked', () => {
    expect(parsePenOp({ op: 'add', slide: 'x#0', stroke: stroke('a') })).not.toBeNull();
    expect(parsePenOp({ op: 'add', slide: 'x#0', stroke: { ...stroke('a'), color: 'url(javascript:1)' } })).toBeNull();
    expect(parsePenOp({ op: 'add', slide: 'x#0', stroke: { ...stroke('a'), points: [1, 2, 3] } })).toBeNull();
    expect(parsePenOp({ op: 'add', slide: '<script>', stroke: stroke('a') })).toBeNull();
    expect(parsePenOp({ op: 'drop-tables' })).toBeNull();
    expect(parsePenOp({ op: 'all', drawings: { 'x#0': [stroke('a')] } })).toEqual({ op: 'all', drawings: { 'x#0': [stroke('a')] } });
  });

  test("the longest stroke fits the presenting server's request limit", async () => {
    const { MAX_BODY_BYTES } = await import('../src/shared/follow-protocol.js');
    const { MAX_STROKE_NUMBERS } = await import('../src/shared/pen.js');
    const points = Array.from({ length: MAX_STROKE_NUMBERS }, (_, i) => (i % 2 ? 719 : 1279));
    const op = { op: 'add', slide: 'some-long-section-name#12', stroke: { id: 'abcdefghij', color: '#e5243b', width: 12, points } };
    expect(JSON.stringify(op).length).toBeLessThan(MAX_BODY_BYTES);
    const pts: number[] = [];
    for (let i = 0; i < MAX_STROKE_NUMBERS; i++) addPoint(pts, i * 3, 0);
    expect(pts.length).toBe(MAX_STROKE_NUMBERS);
  });

  test('a path runs through its points; a slow drag does not pile up points', () => {
    expect(strokePath([0, 0, 10, 0])).toBe('M0 0L10 0');
    const d = strokePath([0, 0, 10, 0, 20, 10, 30, 10]);
    expect(d.startsWith('M0 0')).toBe(true);
    expect(d.endsWith('L30 10')).toBe(true);
    expect(d.match(/Q/g)).toHaveLength(2);
    const pts: number[] = [];
    for (let i = 0; i < 10; i++) addPoint(pts, 100 + i * 0.1, 100);
    expect(pts).toEqual([100, 100]);
  });
});

describe('--range', () => {
  test('numbers and spans', () => {
    expect([...slidesIn(parseRange('3-5,10, 1'), 12, 'talk')].sort((a, b) => a - b)).toEqual([1, 3, 4, 5, 10]);
  });
  test.each([
    ['', /slide numbers/],
    ['3-', /not a slide number/],
    ['0', /numbered from 1/],
    ['7-3', /ends before it starts/],
    ['a,b', /"a" is not a slide number/],
  ])('%j is refused', (text, message) => {
    expect(() => parseRange(text)).toThrow(message);
  });
  test('a range past the deck names its length', () => {
    expect(() => slidesIn(parseRange('5-9'), 7, 'example')).toThrow('deck "example" has 7 slides, there is no slide 9');
  });
});

const page = (slide: number, step: number, section: string, title = `S${slide}`): PrintedPage => ({ slide, step, section, title, text: title, notes: '' });

describe('pages kept and the outline', () => {
  // slide 2 has three steps in the print view's step mode
  const pages = [page(1, 0, 'intro'), page(2, 0, 'demo'), page(2, 1, 'demo'), page(2, 2, 'demo'), page(3, 0, 'demo'), page(4, 0, '')];
  test('without --steps a slide is its last step; with it, every step', () => {
    expect(pagesToKeep(pages, undefined, 'd', false)).toEqual([0, 3, 4, 5]);
    expect(pagesToKeep(pages, parseRange('2'), 'd', true)).toEqual([1, 2, 3]);
    expect(() => pagesToKeep(pages, parseRange('2-5'), 'd', false)).toThrow(/has 4 slides/);
  });
  test('one bookmark per section, its other slides under it', () => {
    const kept = [0, 3, 4, 5].map((i) => pages[i]);
    expect(outlineOf(kept)).toEqual([
      { title: 'S1', page: 0, children: [] },
      { title: 'S2', page: 1, children: [{ title: 'S3', page: 2, children: [] }] },
      { title: 'S4', page: 3, children: [] },
    ]);
  });
});

test("a PPTX's notes: one paragraph per line of the deck's notes, in the deck's language", () => {
  const xml = '<p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="en-US" dirty="0"/><a:t>First point.\nSecond point.</a:t></a:r><a:endParaRPr lang="en-US" dirty="0"/></a:p></p:txBody>';
  const out = notesInParagraphs(xml, 'ja');
  expect([...out.matchAll(/<a:p><a:r><a:rPr lang="ja" dirty="0"\/><a:t>([^<]*)<\/a:t>/g)].map((m) => m[1])).toEqual(['First point.', 'Second point.']);
  expect(out).not.toContain('en-US');
});

/** a file saved from the pen on another deck than the one exported */
function otherDecksDrawings(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kowakunai-drawings-')), 'asyncio-en.drawings.json');
  writeFileSync(file, JSON.stringify({ kowakunai: 'drawings', deck: 'asyncio-en', drawings: { 'intro#0': [stroke('a')] } }));
  return file;
}

describe('kowakunai export, called wrongly', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [resolve('bin/kowakunai.mjs'), 'export', ...args], { encoding: 'utf8', timeout: 120_000 });
  test.each([
    [['slides/example', '--format', 'png', '--range', '3-x'], /--range "3-x": "3-x" is not a slide number/],
    [['slides/example', '--format', 'gif'], /unknown format "gif": --format png\|pptx\|pdf/],
    [['slides/example'], /say which format/],
    [['no-such-deck', '--format', 'pptx'], /no such deck: no-such-deck/],
    [['slides/example', '--format', 'pdf', '--with-drawings', 'nope.json'], /--with-drawings nope.json: no such file/],
    [['slides/example', '--format', 'pdf', '--with-drawings', otherDecksDrawings()], /its strokes are for deck "asyncio-en", which is not exported \(example\)/],
    [['slides/example', '--format', 'pdf', '--with-drawings', resolve('package.json')], /not a drawings file/],
  ])('%j: one line, exit 2', (args, message) => {
    const r = run(args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('the presenting server and the pen', () => {
  test('strokes need the key, are checked, go to followers, and greet one who joins late', async () => {
    const { mkdirSync } = await import('node:fs');
    const { startPresenting } = await import('../src/node/server/present.js');
    const { parseCommand } = await import('../src/shared/follow-protocol.js');
    const dir = mkdtempSync(join(tmpdir(), 'kowakunai-pen-'));
    mkdirSync(join(dir, 'asyncio-ja'));
    writeFileSync(join(dir, 'asyncio-ja', 'index.html'), '<!doctype html><html><head></head><body><div class="reveal"></div></body></html>');
    const presenting = await startPresenting({ outDir: dir, build: false, host: '127.0.0.1', port: 0, log: () => {} });
    const base = `http://127.0.0.1:${presenting.port}/__kowakunai/present/`;
    const key = new URL(presenting.urls.remote).searchParams.get('key')!;
    const post = (body: unknown, withKey = true) =>
      fetch(`${base}pen`, { method: 'POST', headers: { 'content-type': 'application/json', ...(withKey ? { 'x-kowakunai-key': key } : {}) }, body: JSON.stringify(body) });
    try {
      const op = { op: 'add', slide: 'intro#0', stroke: stroke('a') };
      expect((await post(op, false)).status).toBe(401);
      expect((await post({ op: 'add', slide: 'intro#0', stroke: { ...stroke('a'), width: 'huge' } })).status).toBe(400);
      expect((await post(op)).status).toBe(204);
      // the remote's Pen button is a command like the others
      expect(parseCommand({ action: 'pen' })).toEqual({ action: 'pen' });
      const controller = new AbortController();
      const res = await fetch(`${base}follow`, { signal: controller.signal });
      const reader = res.body!.getReader();
      let seen = '';
      const frame = /event: pen\ndata: (.*)\n/;
      while (!frame.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
      controller.abort();
      const data = frame.exec(seen)![1];
      expect(JSON.parse(data)).toEqual({ op: 'all', drawings: { 'intro#0': [stroke('a')] } });
    } finally {
      await presenting.close();
    }
  });
});
