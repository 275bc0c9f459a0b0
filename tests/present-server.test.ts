/** The presenting server without a browser: keys, refusals, limits, the follow stream, dropping stalled followers. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BuildError } from '../src/node/pipeline/errors.js';
import { validateFrontmatter } from '../src/node/pipeline/frontmatter.js';
import { twinsOf } from '../src/node/pipeline/twin-decks.js';
import { startPresenting, type Presenting } from '../src/node/server/present.js';
import { parseCommand } from '../src/shared/follow-protocol.js';

let presenting: Presenting;
let base: string;
let key: string;
const logs: string[] = [];

function fakeSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kowakunai-present-'));
  mkdirSync(join(dir, 'asyncio-ja'));
  writeFileSync(join(dir, 'asyncio-ja', 'index.html'), '<!doctype html><html><head></head><body><div class="reveal"></div></body></html>');
  return dir;
}

const post = (route: string, body: unknown, headers: Record<string, string> = { 'x-kowakunai-key': key }) =>
  fetch(`${base}/__kowakunai/present/${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const state = (seq: number) => ({ deck: 'asyncio-ja', pos: { section: 's', nth: 0, h: seq, v: 0, f: -1 }, paused: false, seq, movedAt: Date.now() });

beforeAll(async () => {
  presenting = await startPresenting({ outDir: fakeSite(), build: false, host: '127.0.0.1', port: 0, log: (l) => logs.push(l) });
  base = `http://127.0.0.1:${presenting.port}`;
  key = new URL(presenting.urls.remote).searchParams.get('key')!;
});
afterAll(() => presenting?.close());

describe('the presenting server', () => {
  test('makes a fresh key of 128 bits or more at each start, and puts it only in the remote and presenter URLs', async () => {
    expect(Buffer.from(key, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const other = await startPresenting({ outDir: fakeSite(), build: false, host: '127.0.0.1', port: 0, log: () => {} });
    expect(new URL(other.urls.remote).searchParams.get('key')).not.toBe(key);
    await other.close();
    expect(presenting.urls.presenter).toContain(key);
    expect(presenting.urls.audience).not.toContain(key);
    const page = await (await fetch(`${base}/asyncio-ja/index.html`)).text();
    expect(page).toContain('kowakunai-present');
    expect(page).not.toContain(key);
    expect(await (await fetch(`${base}/__kowakunai/present/remote/`)).text()).not.toContain(key);
  });

  test('refuses control without the key (401) and logs it; accepts it with the key', async () => {
    expect((await post('command', { action: 'next' }, {})).status).toBe(401);
    expect((await post('state', state(1), { 'x-kowakunai-key': `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}` })).status).toBe(401);
    expect(logs.filter((l) => l.startsWith('refused POST /__kowakunai/present/')).length).toBe(2);
    expect((await post('command', { action: 'next' })).status).toBe(204);
    expect((await post('command', { action: 'format-disk' })).status).toBe(400);
  });

  test('refuses a body over a few KB (413)', async () => {
    const res = await post('run', { cell: 'x', run: 1, event: { type: 'progress', output: 'x'.repeat(20_000) } }).catch(() => null);
    expect(res === null || res.status === 413).toBe(true);
    expect(logs.some((l) => /over the size limit/.test(l))).toBe(true);
  });

  test('sends a new follower the current state, then every move', async () => {
    expect((await post('state', state(7))).status).toBe(204);
    const controller = new AbortController();
    const res = await fetch(`${base}/__kowakunai/present/follow`, { signal: controller.signal });
    const reader = res.body!.getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await until(/"seq":7/);
    await post('state', state(8));
    await until(/"seq":8/);
    expect(text).not.toContain(key);
    controller.abort();
  });

  test('drops a follower that stops reading instead of buffering for it without end', async () => {
    const socket = connect(presenting.port, '127.0.0.1');
    await new Promise((ok) => socket.once('connect', ok));
    socket.write('GET /__kowakunai/present/follow HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => setTimeout(r, 100));
    socket.pause(); // reads nothing more: its kernel buffers fill, then the server's
    const followersBefore = presenting.followers();
    const batch = { cell: 'x', run: 1, event: { type: 'progress', now: 0, droppedLines: 0, tasks: [], blocked: [], output: [{ t: 0, stream: 'out', text: 'y'.repeat(7000) }] } };
    for (let i = 0; i < 4000 && !logs.some((l) => /dropped a follower/.test(l)); i++) await post('run', batch);
    expect(logs.some((l) => /dropped a follower that stopped reading/.test(l))).toBe(true);
    expect(presenting.followers()).toBe(followersBefore - 1);
    socket.destroy();
  });
});

describe('presenting helpers', () => {
  test('twin decks are the same talk with another language suffix', () => {
    expect(twinsOf('asyncio-ja', ['asyncio-ja', 'asyncio-en', 'example'])).toEqual([{ id: 'asyncio-en', lang: 'en' }]);
    expect(twinsOf('example', ['asyncio-ja', 'example'])).toEqual([]);
  });

  test('a command is checked before it reaches the presenter', () => {
    expect(parseCommand({ action: 'pointer', on: true, x: 2, y: -1 })).toEqual({ action: 'pointer', on: true, x: 1, y: 0 });
    expect(parseCommand({ action: 'eval' })).toBeNull();
  });

  test('frontmatter `duration:` is minutes, and a bad one is named at its line', () => {
    const source = '---\ntitle: T\nlang: en\nduration: soon\n---\n';
    expect(validateFrontmatter({ title: 'T', lang: 'en', duration: 40 }, 'deck.mdx', source).duration).toBe(40);
    let error: unknown;
    try {
      validateFrontmatter({ title: 'T', lang: 'en', duration: 'soon' }, 'deck.mdx', source);
    } catch (e) {
      error = e;
    }
    expect((error as BuildError).format()).toMatch(/deck\.mdx:4:1: error: .*"duration" must be the talk's length in minutes/);
  });
});

describe("relaying the presenter's runs", () => {
  test('a run event is split into bodies the server accepts, and no line is lost', async () => {
    const { splitRunEvent } = await import('../src/page/present/presenter.js');
    const { MAX_BODY_BYTES } = await import('../src/shared/follow-protocol.js');
    // Japanese lines too: three bytes a character, and the server counts bytes
    const output = Array.from({ length: 300 }, (_, i) => ({ t: i, stream: 'out' as const, text: `${i} ${(i % 2 ? 'x' : 'ざるそば').repeat(i % 3 === 0 ? 10_000 : 30)}` }));
    const bytes = (p: unknown) => new TextEncoder().encode(JSON.stringify({ cell: 'some-cell-id', run: 1, event: p })).length;
    const tasks = Array.from({ length: 20 }, (_, id) => ({ id, name: `task ${id}`, start: 0, end: 10, waits: [] }));
    const pieces = splitRunEvent({ type: 'progress', now: 5, output, droppedLines: 0, tasks, blocked: [] });
    for (const p of pieces) expect(bytes(p)).toBeLessThan(MAX_BODY_BYTES);
    const lines = pieces.flatMap((p) => (p.type === 'progress' ? p.output : []));
    expect(lines.map((l) => l.t)).toEqual(output.map((l) => l.t));
    expect(pieces.at(-1)).toMatchObject({ tasks });
    // the end carries the lines no progress batch did, then the result
    const result = { status: 'done' as const, totalMs: 9, output, droppedLines: 0, tasks, blocked: [] };
    const end = splitRunEvent({ type: 'ended', result }, 290);
    expect(end.flatMap((p) => (p.type === 'progress' ? p.output : [])).map((l) => l.t)).toEqual(output.slice(290).map((l) => l.t));
    expect(end.at(-1)?.type).toBe('ended');
    // tasks with Japanese names: under the limit in characters, over it in bytes; what is sent must still fit
    const jaTasks = Array.from({ length: 20 }, (_, id) => ({ id, name: `タスク${'待'.repeat(100)}`, start: 0, end: 10, waits: [] }));
    for (const p of splitRunEvent({ type: 'progress', now: 5, output: output.slice(0, 40), droppedLines: 0, tasks: jaTasks, blocked: [] })) {
      expect(bytes(p)).toBeLessThan(MAX_BODY_BYTES);
    }
    for (const p of end) expect(bytes(p)).toBeLessThan(MAX_BODY_BYTES);
  });
});
