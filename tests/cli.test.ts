/**
 * The kowakunai command as a user meets it: --help for every verb, and the two mistakes a user makes most —
 * a flag the verb does not know, a deck that is not there — each one line on stderr with exit code 2.
 * Then decks outside this repository: a single talk.mdx whose component and cell file sit beside it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { selectDecks } from '../src/node/cli/decks.js';

const BIN = resolve('bin/kowakunai.mjs');
const VERBS = ['dev', 'build', 'preview', 'record', 'pdf', 'export', 'check', 'new'];

function kowakunai(args: string[], cwd = process.cwd()) {
  // the first start in a fresh clone bundles the CLI (a fraction of a second, more on a loaded machine)
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, KOWAKUNAI_NO_OPEN: '1' } });
}

describe('kowakunai --help', () => {
  test('lists every verb', () => {
    const r = kowakunai(['--help']);
    expect(r.status).toBe(0);
    for (const v of VERBS) expect(r.stdout).toMatch(new RegExp(`^  ${v} +\\S`, 'm'));
  });

  test.each(VERBS)('%s --help shows its usage and options and exits 0', (verb) => {
    const r = kowakunai([verb, '--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: kowakunai ${verb}\\b`));
    expect(r.stdout).toMatch(/^Options:$/m);
    expect(r.stdout).toMatch(/^ +--help +show this help$/m);
  });

  test('build --help names --out and --single-file; new --help names --lang', () => {
    expect(kowakunai(['build', '--help']).stdout).toMatch(/--out <dir>[\s\S]*--single-file/);
    expect(kowakunai(['new', '--help']).stdout).toMatch(/--lang <ja\|en>/);
  });
});

describe('usage mistakes: one line, exit code 2', () => {
  test.each(VERBS)('%s with an unknown flag', (verb) => {
    const r = kowakunai([verb, '--colour=red']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^kowakunai ${verb}: unknown option --colour`));
  });

  test.each(['dev', 'build', 'pdf', 'check'])('%s with a deck that is not there', (verb) => {
    const r = kowakunai([verb, 'no-such-talk.mdx']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^kowakunai ${verb}: no such deck: no-such-talk\\.mdx`));
  });

  test('an empty folder has no deck to build, and says how to start one', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kowakunai-empty-'));
    const r = kowakunai(['build'], empty);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^kowakunai build: no deck found in \.: .*kowakunai new my-talk\)$/);
  });

  test('an unknown command, and new without a name or with an unknown language', () => {
    const unknown = kowakunai(['serve']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^kowakunai: unknown command "serve"/);
    expect(kowakunai(['new']).status).toBe(2);
    const lang = kowakunai(['new', 'x', '--lang', 'fr']);
    expect(lang.status).toBe(2);
    expect(lang.stderr.trim()).toBe('kowakunai new: --lang is ja or en, not fr');
  });
});

describe('which decks a path means', () => {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-decks-'));
  mkdirSync(join(root, 'talks', 'one'), { recursive: true });
  writeFileSync(join(root, 'talks', 'one', 'index.mdx'), '---\ntitle: One\nlang: en\n---\n\n# One\n');
  writeFileSync(join(root, 'talks', 'two.mdx'), '---\ntitle: Two\nlang: en\n---\n\n# Two\n');

  test('a .mdx file, a deck folder, a folder of decks, relative to the current folder', async () => {
    expect(await selectDecks(['talks/two.mdx'], root)).toEqual({ slidesDir: join(root, 'talks'), decks: ['two'], ids: ['two'] });
    expect(await selectDecks(['talks/one'], root)).toEqual({ slidesDir: join(root, 'talks'), decks: ['one'], ids: ['one'] });
    expect(await selectDecks(['talks'], root)).toEqual({ slidesDir: join(root, 'talks'), ids: ['one', 'two'] });
    // nothing named: slides/ when there is one, else the current folder
    expect((await selectDecks([], join(root, 'talks'))).ids).toEqual(['one', 'two']);
    expect((await selectDecks([], process.cwd())).slidesDir).toBe(resolve('slides'));
  });
});

test('a talk.mdx outside the repository builds with its own component and cell file, nothing installed beside it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kowakunai-talk-'));
  mkdirSync(join(dir, 'parts'));
  mkdirSync(join(dir, 'cells'));
  // a component with a hook: it must share the renderer's preact, which is not installed here
  writeFileSync(join(dir, 'parts', 'badge.tsx'), "import { useState } from 'preact/hooks';\nexport function Badge({ text }: { text: string }) {\n  const [t] = useState(text);\n  return <strong class=\"my-badge\">{t}</strong>;\n}\n");
  writeFileSync(join(dir, 'cells', 'hello.ts'), "import { print } from 'kowakunai';\nprint('hello from a cell file');\n");
  writeFileSync(
    join(dir, 'talk.mdx'),
    "---\ntitle: Mine\nlang: en\n---\n\nimport { Badge } from './parts/badge.tsx'\n\n# Mine <Badge text=\"new\" />\n\n<Cell src=\"./cells/hello.ts\" />\n",
  );
  const r = kowakunai(['build', 'talk.mdx', '--out', 'site'], dir);
  expect(r.status, r.stderr).toBe(0);
  const html = readFileSync(join(dir, 'site', 'talk', 'index.html'), 'utf8');
  expect(html).toContain('<strong class="my-badge">new</strong>');
  expect(html).toContain('data-cell-id="hello"');
  // recorded at build time, from the cell file beside the talk
  expect(html).toContain('hello from a cell file');
});

describe('kowakunai record', () => {
  test('runs the named cell again and writes recordings.json beside the deck; an unknown cell is a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kowakunai-record-cli-'));
    writeFileSync(
      join(dir, 'talk.mdx'),
      // a cell no earlier run has recorded: the recordings cache (.cache/cells) is shared by every run in this clone
      `---\ntitle: Record\nlang: en\n---\n\n# Record\n\n\`\`\`ts cell id="dice"\nimport { print } from 'kowakunai';\nprint('rolled', Math.random(), '${process.pid}-${Date.now()}');\n\`\`\`\n`,
    );
    const first = kowakunai(['record', 'talk.mdx', '--out', 'site'], dir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/recording 1 of 1 cells \(dice\)/);
    expect(first.stdout).toMatch(/talk: 1 of 1 cells recorded → talk\.recordings\.json/);
    const before = readFileSync(join(dir, 'talk.recordings.json'), 'utf8');

    // current: a plain build runs nothing
    const build = kowakunai(['build', 'talk.mdx', '--out', 'site'], dir);
    expect(build.stdout).not.toMatch(/recording/);
    expect(readFileSync(join(dir, 'talk.recordings.json'), 'utf8')).toBe(before);

    const again = kowakunai(['record', 'talk.mdx', '--only', 'dice', '--out', 'site'], dir);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'talk.recordings.json'), 'utf8')).not.toBe(before);

    const wrong = kowakunai(['record', 'talk.mdx', '--only', 'dise', '--out', 'site'], dir);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/no cell "dise" in talk \(cells: dice\)/);
  }, 240_000);
});
