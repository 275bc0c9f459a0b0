/**
 * Recordings as content: a deck's recordings.json is written by the build, read back by a build that has no cache
 * (a fresh clone), and only a changed cell runs again.
 */
import * as esbuild from 'esbuild';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompiledCell } from '../src/node/pipeline/cells/build-cells';
import { recordDeck } from '../src/node/pipeline/cells/record-deck';
import { readRecordings, recordingsPath, serialize } from '../src/node/pipeline/cells/recordings-file';
import { compileCell } from '../src/shared/cell-compile';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kowakunai-recordings-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A cell whose output differs on every run: if a build shows the same output, it did not run the cell. */
const RANDOM = (label: string) => `import { print, sleep } from 'kowakunai';\nawait sleep(0.01);\nprint('${label}', Math.random());\n`;

async function cell(id: string, source: string): Promise<CompiledCell> {
  const { js } = await compileCell(esbuild, source, { sourcefile: `${id}.ts` });
  return { id, lang: 'ts', source, js, timeLimitMs: 10_000, props: { code: source, file: `${id}.ts`, line: '1' } };
}

const outputOf = (results: Map<string, { output: { text: string }[] }>, id: string) => results.get(id)!.output.map((o) => o.text).join('\n');

describe('recordings.json', () => {
  test('lives beside the deck: index.mdx → recordings.json, talk.mdx → talk.recordings.json', () => {
    expect(recordingsPath('/decks/talk/index.mdx')).toBe('/decks/talk/recordings.json');
    expect(recordingsPath('/decks/talk.mdx')).toBe('/decks/talk.recordings.json');
  });

  test('a build with no cache uses the committed recordings; a changed cell alone runs again', async () => {
    const deck = path.join(dir, 'talk.mdx');
    await writeFile(deck, '---\ntitle: t\nlang: en\n---\n\n# t\n');
    const cells = [await cell('a', RANDOM('a')), await cell('b', RANDOM('b'))];

    const first = await recordDeck(deck, cells, { cellCacheDir: path.join(dir, 'cache-1') });
    const written = await readFile(recordingsPath(deck), 'utf8');
    expect((await readRecordings(deck)).map((e) => e.id)).toEqual(['a', 'b']);
    expect(written).toContain(outputOf(first, 'a').split(' ')[1]);

    // a fresh clone: an empty cache, the committed file only — nothing runs, the file stays as it was
    const fresh = await recordDeck(deck, cells, { cellCacheDir: path.join(dir, 'cache-2') });
    expect(outputOf(fresh, 'a')).toBe(outputOf(first, 'a'));
    expect(outputOf(fresh, 'b')).toBe(outputOf(first, 'b'));
    expect(await readFile(recordingsPath(deck), 'utf8')).toBe(written);

    // b's code changes: b runs again, a keeps its recording, and the file's diff touches b only
    const changed = [cells[0]!, await cell('b', `${RANDOM('b')}print('one more line');\n`)];
    const after = await recordDeck(deck, changed, { cellCacheDir: path.join(dir, 'cache-3') });
    expect(outputOf(after, 'a')).toBe(outputOf(first, 'a'));
    expect(outputOf(after, 'b')).not.toBe(outputOf(first, 'b'));
    const stored = await readRecordings(deck);
    expect(stored.find((e) => e.id === 'a')).toEqual((JSON.parse(written) as { cells: unknown[] }).cells[0]);

    // kowakunai record --force --only a: a runs again although its recording is current
    const forced = await recordDeck(deck, changed, { cellCacheDir: path.join(dir, 'cache-3'), rerecord: (id) => id === 'a' });
    expect(outputOf(forced, 'a')).not.toBe(outputOf(first, 'a'));
    expect(outputOf(forced, 'b')).toBe(outputOf(after, 'b'));
  }, 60_000);

  test('is laid out for review: stable, one task or output line per text line', () => {
    const text = serialize({ cells: [{ id: 'x', result: { tasks: [{ id: 0, waits: [] }, { id: 1, waits: [] }], output: [{ t: 1, text: 'hi' }] } }] });
    expect(text).toContain('\n          {"id":0,"waits":[]},\n          {"id":1,"waits":[]}\n');
    expect(text).toContain('\n          {"t":1,"text":"hi"}\n');
    expect(serialize(JSON.parse(text))).toBe(text);
  });
});
