import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BuildError, BuildErrorList } from '../src/node/pipeline/errors.js';
import { setCacheDir } from '../src/node/paths.js';
import { compileMdx } from '../src/node/pipeline/mdx.js';
import { renderDeck } from '../src/node/pipeline/render-deck.js';
import { twoslashLoaded } from '../src/node/pipeline/twoslash.js';

const REPO = resolve(import.meta.dirname, '..');
const root = mkdtempSync(join(tmpdir(), 'kowakunai-twoslash-'));
const cache = join(root, 'cache');
let n = 0;
/** A deck in a fresh folder; `body` starts on line 5 of index.mdx (after 3 lines of frontmatter and a blank). */
function deck(body: string): string {
  const dir = join(root, `deck${++n}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'index.mdx');
  writeFileSync(path, `---\ntitle: T\nlang: en\n---\n${body}`);
  return path;
}
const fence = (code: string, meta = 'twoslash') => `\n\`\`\`ts ${meta}\n${code}\n\`\`\`\n`;

async function buildErrors(path: string): Promise<BuildError[]> {
  try {
    await compileMdx(path);
  } catch (e) {
    if (e instanceof BuildErrorList) return e.list;
    expect(e).toBeInstanceOf(BuildError);
    return [e as BuildError];
  }
  throw new Error('expected the build to fail');
}

/** The text a reader sees in each element of `cls` (tags dropped). */
function texts(html: string, cls: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(new RegExp(`<(\\w+) class="${cls}"[^>]*>`, 'g'))) {
    // up to the element's own end: count nested tags of the same name
    let depth = 1;
    const tag = new RegExp(`<(/?)${m[1]}\\b[^>]*>`, 'g');
    tag.lastIndex = m.index! + m[0].length;
    let end = html.length;
    for (let t = tag.exec(html); t; t = tag.exec(html)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) {
        end = t.index;
        break;
      }
    }
    out.push(html.slice(m.index! + m[0].length, end).replace(/<[^>]+>/g, '').replace(/&lt;|&#x3C;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&'));
  }
  return out;
}

beforeAll(() => setCacheDir(cache));

describe('```ts twoslash', () => {
  test('a deck without twoslash blocks never loads TypeScript', async () => {
    await renderDeck(deck(fence('const a = 1;', '')), join(cache, 'render'));
    expect(twoslashLoaded()).toBe(false);
  });

  test('a token carries its type in a focusable hover, and ^? shows the type under its line', async () => {
    const { html } = await renderDeck(
      deck(fence(`import { sleep } from 'kowakunai';\nconst greeting = 'hi ' + 'there';\nconst words = greeting.split(' ');\n//    ^?\nawait sleep(1);`)),
      join(cache, 'render'),
    );
    expect(twoslashLoaded()).toBe(true);
    const hovers = [...html.matchAll(/<span class="twoslash-hover" tabindex="0">/g)];
    expect(hovers.length).toBeGreaterThan(3);
    const popups = texts(html, 'twoslash-popup-code');
    // the cell API's own types, from src/sandbox/kowakunai.d.ts
    expect(popups).toContain('function sleep(seconds?: number): Awaitable<void>');
    expect(popups).toContain('const greeting: string');
    expect(texts(html, 'twoslash-meta-line twoslash-query-line').map((t) => t.trim())).toEqual(['const words: string[]']);
    // the ^? line itself is not on the slide
    expect(html).not.toContain('^?');
  });

  test('an error marked with // @errors is underlined and explained on the slide', async () => {
    const { html } = await renderDeck(deck(fence(`// @errors: 2322\nconst port: number = '8080';`)), join(cache, 'render'));
    expect(texts(html, 'twoslash-error').join('')).toContain('port');
    expect(texts(html, 'twoslash-meta-line twoslash-error-line').join('')).toContain("Type 'string' is not assignable to type 'number'.");
    expect(html).not.toContain('@errors');
  });

  test("an unmarked error fails the build at the deck's line and column, with TypeScript's message", async () => {
    // body line 1 is blank, the fence is on line 6, the code starts on line 7; the error is on its 2nd line
    const errors = await buildErrors(deck(fence(`const ok = 1;\nconst bad: number = 'x';`)));
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(8);
    expect(errors[0].column).toBe(7);
    expect(errors[0].message).toContain("TS2322: Type 'string' is not assignable to type 'number'.");
  });

  test('an @errors mark for an error that does not happen fails at the mark', async () => {
    const errors = await buildErrors(deck(fence(`const ok = 1;\n// @errors: 2345\nconst fine: number = ok;`)));
    expect(errors.map((e) => [e.line, e.message.includes('TS2345')])).toEqual([[8, true]]);
  });

  test('a rebuild in a new process reads the cache and never loads TypeScript', () => {
    const code = `const cached${Date.now()} = [1, 2, 3].map(String);\n//    ^?`;
    const path = deck(fence(code));
    // a build as the CLI makes it: a process of its own, with only the disk cache to go on
    const script = join(root, 'build-once.mts');
    writeFileSync(
      script,
      `import { setCacheDir } from ${JSON.stringify(join(REPO, 'src/node/paths.ts'))};
import { compileMdx } from ${JSON.stringify(join(REPO, 'src/node/pipeline/mdx.ts'))};
import { twoslashLoaded } from ${JSON.stringify(join(REPO, 'src/node/pipeline/twoslash.ts'))};
setCacheDir(${JSON.stringify(cache)});
const { js } = await compileMdx(${JSON.stringify(path)});
console.log(JSON.stringify({ loaded: twoslashLoaded(), query: js.includes('string[]') }));`,
    );
    const build = () => JSON.parse(execFileSync(join(REPO, 'node_modules/.bin/tsx'), [script], { encoding: 'utf8' }).trim().split('\n').pop()!);
    const files = () => readdirSync(join(cache, 'twoslash')).filter((f) => f.endsWith('.json')).length;
    const before = existsSync(join(cache, 'twoslash')) ? files() : 0;
    expect(build()).toEqual({ loaded: true, query: true });
    expect(files()).toBe(before + 1);
    expect(build()).toEqual({ loaded: false, query: true });
    expect(files()).toBe(before + 1);
  }, 180_000);
});
