/**
 * The Japanese deck retells a talk whose transcript we have (seed 000, the talk's second half as published).
 * Facts carry over; sentences do not. This test finds every run of 20 or more characters that the deck's prose
 * (slides and speaker notes, not code) shares with the transcript, and names it.
 *
 * The transcript is not ours to ship, so the repository holds only a fingerprint of it: a truncated SHA-1 of every
 * 20-character window of its normalised text. The check therefore runs in a fresh clone too; where the seed is on
 * disk (../shared/talk/seeds), the fingerprint is rebuilt from it and must match the committed one.
 * To rewrite the fingerprint after the seed changes: KOWAKUNAI_WRITE_FINGERPRINT=1 npx vitest run tests/talk-originality.test.ts
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const JA_DECK = join(root, 'slides/asyncio-ja/index.mdx');
const TRANSCRIPT = resolve(root, '../shared/talk/seeds/000_b31c0fa7349d6d53.txt');
const FINGERPRINT = join(root, 'tests/fixtures/talk-transcript-20grams.txt');
const RUN = 20;

/**
 * Width variants folded (NFKC: ？ and ? are one character), whitespace and punctuation dropped: the deck puts
 * spaces around Latin words and the transcript does not, and a copied sentence with its commas moved is still copied.
 */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

function hash(window: string): string {
  return createHash('sha1').update(window).digest('hex').slice(0, 12);
}

export function windows(text: string, n = RUN): Set<string> {
  const s = [...normalise(text)];
  const out = new Set<string>();
  for (let i = 0; i + n <= s.length; i++) out.add(hash(s.slice(i, i + n).join('')));
  return out;
}

export interface Passage {
  line: number;
  text: string;
}

/**
 * The prose a reader sees or a speaker says: frontmatter values, slide text and notes, and the titles of cells.
 * Left out: fenced code, inline code, import/export lines, markup, link targets, and a blockquote that carries its
 * own attribution line ("> — speaker, source"), which is a quotation marked as one. An unattributed blockquote is
 * checked like any other prose.
 */
export function prose(source: string): Passage[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: Passage[] = [];
  let i = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    for (i = 1; i < end; i++) out.push({ line: i + 1, text: lines[i].replace(/^[\w-]+:\s*/, '') });
    i = end + 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      while (++i < lines.length && !lines[i].trim().startsWith(fence[1])) {}
      continue;
    }
    if (/^\s*>/.test(line)) {
      let j = i;
      while (j < lines.length && /^\s*>/.test(lines[j])) j++;
      const quote = lines.slice(i, j);
      if (!quote.some((l) => /^\s*>\s*[—―]\s*\S/.test(l))) quote.forEach((l, k) => out.push({ line: i + k + 1, text: l.replace(/^\s*>/, '') }));
      i = j - 1;
      continue;
    }
    if (/^(import|export)\s/.test(line)) continue;
    const text = line
      .replace(/`[^`]*`/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<\/?[A-Za-z][^>]*>/g, (tag) => ` ${[...tag.matchAll(/\btitle="([^"]*)"/g)].map((m) => m[1]).join(' ')} `);
    if (text.trim() !== '') out.push({ line: i + 1, text });
  }
  return out;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/**
 * Each maximal run of `n`+ normalised characters of a passage whose every n-window is in `known`, with its line.
 * A run with no kana or kanji in it is let through: the transcript's prose is Japanese, so such a run is a name or
 * a title both texts cite (e.g. the talk title "Taking Django's ORM Async"), not a sentence carried over.
 */
export function sharedRuns(passages: Passage[], known: Set<string>, n = RUN): string[] {
  const found: string[] = [];
  for (const p of passages) {
    const s = [...normalise(p.text)];
    let i = 0;
    while (i + n <= s.length) {
      if (!known.has(hash(s.slice(i, i + n).join('')))) {
        i++;
        continue;
      }
      let end = i + n;
      while (end < s.length && known.has(hash(s.slice(end - n + 1, end + 1).join('')))) end++;
      const run = s.slice(i, end).join('');
      if (JAPANESE.test(run)) found.push(`line ${p.line}: ${run}`);
      i = end;
    }
  }
  return found;
}

function committedFingerprint(): Set<string> {
  return new Set(
    readFileSync(FINGERPRINT, 'utf8')
      .split('\n')
      .filter((l) => /^[0-9a-f]{12}$/.test(l)),
  );
}

describe('the shared-run detector', () => {
  const source = 'とても静かな朝だったので、公園のベンチで長いあいだ本を読んでいました。';
  const known = windows(source);

  it('names a copied run in slide text or notes, whatever the spacing and punctuation', () => {
    const deck = ['<Notes>', '', 'その日は とても静かな朝だったので 公園の ベンチで長いあいだ本を読んだ。', '', '</Notes>'].join('\n');
    expect(sharedRuns(prose(deck), known)).toEqual(['line 3: とても静かな朝だったので公園のベンチで長いあいだ本を読ん']);
  });

  it('passes a run shorter than 20 characters, code, and an attributed quotation; flags an unattributed one', () => {
    const deck = [
      '静かな朝だったので、公園へ。',
      '```python',
      'print("とても静かな朝だったので、公園のベンチで長いあいだ本を読んでいました")',
      '```',
      '> とても静かな朝だったので、公園のベンチで長いあいだ本を読んでいました。',
      '>',
      '> — ある作家、2020 年の講演',
      '',
      '> とても静かな朝だったので、公園のベンチで長いあいだ本を読んでいました。',
    ].join('\n');
    expect(sharedRuns(prose(deck), known)).toEqual(['line 9: とても静かな朝だったので公園のベンチで長いあいだ本を読んでいました']);
  });

  it('lets a shared title in Latin letters through, but not once Japanese prose around it is shared too', () => {
    const talk = windows('講演「Taking Django\'s ORM Async」というお話をしていました。');
    const deck = ['その「Taking Django\'s ORM Async」（2020）を紹介します。', '講演「Taking Django\'s ORM Async」というお話をしていた。'].join('\n');
    expect(sharedRuns(prose(deck), talk)).toEqual(['line 2: 講演TakingDjangosORMAsyncというお話をしてい']);
  });

  it('reads cell titles and frontmatter values as prose, and skips link targets', () => {
    const passages = prose(['---', 'title: 題', '---', '<Cell src="a.py" title="セルの題" />', '[読む](https://example.com/とても静かな朝)'].join('\n'));
    expect(passages.map((p) => p.text.trim())).toEqual(['題', 'セルの題', '読む']);
  });
});

describe('the Japanese deck and the talk transcript', () => {
  it.skipIf(!existsSync(TRANSCRIPT))('the committed fingerprint is the transcript\'s', () => {
    const fresh = windows(readFileSync(TRANSCRIPT, 'utf8'));
    if (process.env.KOWAKUNAI_WRITE_FINGERPRINT) {
      const header = `# SHA-1 (first 12 hex digits) of every ${RUN}-character window of the normalised talk transcript; see tests/talk-originality.test.ts`;
      writeFileSync(FINGERPRINT, [header, ...[...fresh].sort()].join('\n') + '\n');
    }
    expect([...committedFingerprint()].sort()).toEqual([...fresh].sort());
  });

  it('share no prose run of 20 characters or more', () => {
    const known = committedFingerprint();
    expect(known.size).toBeGreaterThan(1000);
    expect(sharedRuns(prose(readFileSync(JA_DECK, 'utf8')), known)).toEqual([]);
  });
});
