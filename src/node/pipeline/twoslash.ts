/**
 * ```ts twoslash: TypeScript's hovers, `// ^?` queries and expected errors, worked out at build time.
 *
 * The page gets static HTML only. The compiler (a JS TypeScript, `typescript-twoslash`: the repository's own
 * `typescript` is the native port, which has no language service in JS) is imported only when a deck has a
 * twoslash block whose result is not cached yet; results are kept in .cache/twoslash/ by code, options and
 * versions, so an unchanged rebuild never loads it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createTransformerFactory, rendererRich } from '@shikijs/twoslash/core';
import type { Element, ElementContent, Root } from 'hast';
import type { ShikiTransformer } from 'shiki';
import { visit } from 'unist-util-visit';
import type { TwoslashInstance, TwoslashReturn } from 'twoslash';
import { BuildError, BuildErrorList } from './errors.js';
import { cacheDir, PACKAGED, prebuilt, REPO_ROOT } from '../paths.js';

/** One ```ts twoslash block of a deck: its code and where its opening fence is. */
export interface TwoslashBlock {
  code: string;
  lang: string;
  file: string;
  /** line of the opening fence (the code starts on the next one) */
  line: number;
}

export const TWOSLASH_LANGS = ['ts', 'tsx'];

/** `twoslash` as a word of the fence's meta (not `notwoslash`, not part of a title). */
export function wantsTwoslash(lang: string | undefined, meta: string | undefined): boolean {
  return TWOSLASH_LANGS.includes(lang ?? '') && /(?:^|\s)twoslash(?:\s|$)/.test(meta ?? '');
}

// What a block is checked with: a module with top-level await, the browser's globals, no @types of whoever
// runs the build (they would make a result depend on the machine, and NodeJS.Timeout is not a slide's type).
const COMPILER_OPTIONS = { target: 99, module: 99, moduleResolution: 100, moduleDetection: 3, lib: ['lib.esnext.d.ts', 'lib.dom.d.ts'], types: [], strict: true };
// the cell API's types, so `import { sleep } from 'kowakunai'` type-checks as it runs in a cell
const API_FILE = 'kowakunai.d.ts';

function apiTypes(): string {
  return readFileSync(PACKAGED ? prebuilt('..', API_FILE) : join(REPO_ROOT, 'src', 'sandbox', API_FILE), 'utf8');
}

const require = createRequire(import.meta.url);

const versionOf = (packageJson: string) => (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;

/** TypeScript's and twoslash's versions: a result made by others is not reused. */
function versionsUsed(): string[] {
  // the package bundles twoslash (scripts/prepack.ts): kowakunai's own version names it
  const twoslash = PACKAGED ? `kowakunai ${versionOf(prebuilt('..', '..', 'package.json'))}` : versionOf(join(dirname(require.resolve('twoslash')), '..', 'package.json'));
  return [versionOf(require.resolve('typescript-twoslash/package.json')), twoslash];
}

/** Results made or read in this process, by code and language: the shiki transformer looks them up. */
const results = new Map<string, TwoslashReturn>();
const resultKey = (code: string, lang: string) => `${lang}\n${code}`;

/** The deck's ```ts twoslash blocks in a hast tree (`<pre><code class="language-ts">`, with remark's meta). */
export function twoslashBlocks(tree: Root, file: string): TwoslashBlock[] {
  const blocks: TwoslashBlock[] = [];
  visit(tree, 'element', (pre: Element) => {
    const code = pre.tagName === 'pre' ? pre.children[0] : undefined;
    if (code?.type !== 'element' || code.tagName !== 'code') return;
    const cls = code.properties?.className;
    const lang = (Array.isArray(cls) ? cls : []).find((c): c is string => typeof c === 'string' && c.startsWith('language-'))?.slice(9);
    const meta = (code.data as { meta?: string } | undefined)?.meta;
    if (!wantsTwoslash(lang, meta)) return;
    // as @shikijs/rehype hands it to the highlighter: without the fence's last newline
    blocks.push({ code: textOf(code).replace(/\n$/, ''), lang: lang!, file, line: pre.position?.start.line ?? 1 });
  });
  return blocks;
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

let twoslasher: Promise<TwoslashInstance> | undefined;

/** The compiler, loaded once per process and only for a block not found in the cache. */
function loadTwoslasher(): Promise<TwoslashInstance> {
  twoslasher ??= (async () => {
    const [{ createTwoslasher }, ts] = await Promise.all([import('twoslash/core'), import('typescript-twoslash')]);
    return createTwoslasher({
      // a CommonJS module: its API is the default export
      tsModule: ts.default as never,
      tsLibDirectory: dirname(require.resolve('typescript-twoslash')),
      // an empty folder: nothing of the build machine's node_modules leaks into a block's types
      vfsRoot: join(cacheDir(), 'twoslash', 'root'),
      compilerOptions: COMPILER_OPTIONS as never,
    });
  })();
  return twoslasher;
}

/** For the bench and tests: whether this process has loaded TypeScript for twoslash. */
export function twoslashLoaded(): boolean {
  return twoslasher !== undefined;
}

let versions: string | undefined;
function cacheKey(code: string, lang: string): string {
  versions ??= JSON.stringify([...versionsUsed(), apiTypes(), COMPILER_OPTIONS, RENDER_VERSION]);
  return createHash('sha256').update(versions).update('\0').update(lang).update('\0').update(code).digest('hex').slice(0, 32);
}
// bump when what is stored changes shape
const RENDER_VERSION = 1;

/**
 * Works out every block (cache first, compiler for the rest) so the highlighter can render them; a block that
 * does not compile, or whose marked errors do not happen, fails the build at its place in the deck.
 */
export async function prepareTwoslash(blocks: TwoslashBlock[]): Promise<void> {
  if (blocks.length === 0) return;
  const dir = join(cacheDir(), 'twoslash');
  const errors: BuildError[] = [];
  for (const block of blocks) {
    if (results.has(resultKey(block.code, block.lang))) continue;
    const path = join(dir, `${cacheKey(block.code, block.lang)}.json`);
    if (existsSync(path)) {
      results.set(resultKey(block.code, block.lang), JSON.parse(readFileSync(path, 'utf8')) as TwoslashReturn);
      continue;
    }
    const run = await loadTwoslasher();
    const problems = checkBlock(run, block);
    if (problems.errors.length > 0) {
      errors.push(...problems.errors);
      continue;
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, JSON.stringify(problems.result));
    results.set(resultKey(block.code, block.lang), problems.result!);
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new BuildErrorList(errors);
}

/** Runs one block; TypeScript's errors that the block does not mark as expected become BuildErrors at their place. */
function checkBlock(run: TwoslashInstance, block: TwoslashBlock): { result?: TwoslashReturn; errors: BuildError[] } {
  const at = (offset: number) => {
    const before = block.code.slice(0, Math.max(0, offset)).split('\n');
    return { line: block.line + before.length, column: before[before.length - 1].length + 1 };
  };
  // error nodes as twoslash first finds them carry offsets into the block as written (before `// @errors`
  // and `// ^?` lines are taken out): that is where the author has to look
  const found: { code: number; start: number; text: string }[] = [];
  let result: TwoslashReturn;
  try {
    result = run(block.code, block.lang, {
      extraFiles: { [API_FILE]: apiTypes() },
      handbookOptions: { noErrorValidation: true },
      filterNode: (node) => {
        if (node.type === 'error') found.push({ code: Number(node.code), start: node.start, text: node.text });
        return true;
      },
    });
  } catch (error) {
    const e = error as { title?: string; description?: string; message?: string };
    return { errors: [new BuildError(`twoslash: ${e.title ?? e.message}${e.description ? ` — ${e.description}` : ''}`, block.file, block.line, 1)] };
  }
  const expected = new Set((result.meta.handbookOptions.errors ?? []).map(Number));
  const errors: BuildError[] = [];
  for (const e of found.filter((f) => !expected.has(f.code))) {
    const { line, column } = at(e.start);
    errors.push(new BuildError(`TypeScript error TS${e.code}: ${e.text} (if the slide shows it on purpose, mark it: // @errors: ${e.code})`, block.file, line, column));
  }
  const happened = new Set(found.map((f) => f.code));
  for (const code of [...expected].filter((c) => !happened.has(c))) {
    const flag = result.meta.flagNotations.find((f) => f.name === 'errors');
    const { line, column } = at(flag?.start ?? 0);
    errors.push(new BuildError(`twoslash: "// @errors: ${code}" marks an error TS${code} that the code does not have`, block.file, flag ? line : block.line, flag ? column : 1));
  }
  for (const flag of result.meta.flagNotations.filter((f) => f.type === 'unknown')) {
    const { line, column } = at(flag.start);
    errors.push(new BuildError(`twoslash: unknown flag "@${flag.name}" (neither a compiler option nor a twoslash option)`, block.file, line, column));
  }
  return { result, errors };
}

/** The shiki transformer: renders what prepareTwoslash worked out (it never compiles anything itself). */
export function transformerTwoslash(): ShikiTransformer {
  const twoslash = createTwoslashTransformer();
  return {
    ...twoslash,
    code(codeEl) {
      const out = twoslash.code?.call(this, codeEl) ?? codeEl;
      unframePopupBlocks(out);
      return out;
    },
  };
}

/**
 * A type of several lines is highlighted as a whole <pre class="shiki" tabindex="0"> inside the popup: a
 * code block's frame, and a second stop for Tab. It becomes a plain block of the popup's text.
 */
function unframePopupBlocks(codeEl: Element): void {
  visit(codeEl, 'element', (el: Element) => {
    if (el.tagName !== 'code' || !String(el.properties?.class ?? el.properties?.className ?? '').includes('twoslash-popup-code')) return;
    for (const child of el.children) {
      if (child.type !== 'element' || child.tagName !== 'pre') continue;
      child.tagName = 'span';
      child.properties = { class: 'twoslash-popup-block' };
    }
  });
}

function createTwoslashTransformer(): ShikiTransformer {
  return createTransformerFactory((code: string, lang?: string) => {
    const result = results.get(resultKey(code, lang ?? 'ts'));
    if (!result) throw new Error(`twoslash block not prepared (the highlighter saw other code than the deck's block): ${code.slice(0, 60)}`);
    return result;
  })({
    langs: TWOSLASH_LANGS,
    explicitTrigger: true,
    renderer: rendererRich({
      // queries and errors are boxes under their line, so print and the handout show them as they are
      queryRendering: 'line',
      errorRendering: 'line',
      // focusable: a keyboard reaches a token's type as a mouse does
      hast: { hoverToken: { properties: { tabindex: 0 } } },
    }),
  });
}
