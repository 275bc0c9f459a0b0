/** kowakunai new — a starter deck: one slide, one note and one live cell, in Japanese or English. */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { UsageError, type Verb } from './verb.js';

export const newDeck: Verb = {
  name: 'new',
  summary: 'Start a deck: <name>/index.mdx with one slide, one note and one live TypeScript cell.',
  args: '<name> [options]',
  options: { lang: { type: 'string', value: 'ja|en', help: 'the deck\'s language (default: en)' } },
  details: ['Then: kowakunai dev <name>   (or kowakunai build <name>)'],
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the deck: kowakunai new my-talk' : `one deck at a time: ${positionals.join(' ')}`);
    const lang = typeof values.lang === 'string' ? values.lang : 'en';
    if (lang !== 'ja' && lang !== 'en') throw new UsageError(`--lang is ja or en, not ${lang}`);
    const dir = resolve(positionals[0]!);
    const name = basename(dir);
    if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(name)) throw new UsageError(`a deck's name becomes its URL: letters, digits, . _ - (not "${name}")`);
    if (existsSync(join(dir, 'index.mdx'))) {
      console.error(`kowakunai new: ${relative(process.cwd(), join(dir, 'index.mdx'))} already exists; not overwriting it`);
      return 1;
    }
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.mdx'), starter(name, lang));
    const shown = relative(process.cwd(), dir) || '.';
    console.log(`wrote ${join(shown, 'index.mdx')}\n\nnext:\n  npx kowakunai dev ${shown}     (serve with live reload)\n  npx kowakunai build ${shown}   (the site in dist/; --single-file for one offline file)`);
    return 0;
  },
};

function starter(name: string, lang: 'ja' | 'en'): string {
  const ja = lang === 'ja';
  const fence = '```';
  return `---
title: ${ja ? 'はじめてのトーク' : 'My first talk'}
lang: ${lang}
author: ${ja ? 'わたし' : 'Me'}
theme: light
---

<SlideMeta section="${name}" />

## ${ja ? 'こんにちは' : 'Hello'}

${ja ? 'コードはスライドの上で動きます。Run を押してください。' : 'The code runs on the slide: press Run.'}

${fence}ts cell title="hello" timeLimit=10
import { sleep, createTask, print } from 'kowakunai';
const a = createTask('A', async () => { await sleep(1); print('A done'); });
const b = createTask('B', async () => { await sleep(1); print('B done'); });
await a; await b;
export default 'both in about 1 s';
${fence}

<Notes>${ja ? '話すこと: 二つのタスクは同時に待ちます。' : 'What I say: the two tasks wait at the same time.'}</Notes>
`;
}
