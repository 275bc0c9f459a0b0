import rehypeShikiFromHighlighter from '@shikijs/rehype/core';
import {
  transformerNotationDiff,
  transformerNotationErrorLevel,
  transformerNotationFocus,
  transformerNotationHighlight,
  transformerNotationWordHighlight,
  transformerStyleToClass,
} from '@shikijs/transformers';
import { createHighlighter, createOnigurumaEngine, type Highlighter } from 'shiki';
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { checkCodeSteps } from './rehype-check-code-steps.js';
import { transformerCodeSteps } from './transformer-code-steps.js';
import { prepareTwoslash, transformerTwoslash, twoslashBlocks } from './twoslash.js';

/** Only these languages are loaded: loading all of shiki's costs seconds at start-up. */
export const LANGS = ['ts', 'tsx', 'js', 'jsx', 'python', 'bash', 'json', 'html', 'css', 'text'] as const;
// the high-contrast palettes keep every token (comments too) above WCAG AA on our code background
const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

let highlighter: Promise<Highlighter> | undefined;

/**
 * The themes only, at first: a grammar is loaded the first time a block in that language is met (most decks
 * use two or three of LANGS), which keeps a cold build's start-up short.
 *
 * Oniguruma (shiki's wasm regex engine), not the JavaScript engine: converting each grammar's regexes to JS took
 * 3.3 of the 5.6 CPU seconds of building asyncio-ja (profiled), and the JS engine tokenised some Python lines
 * differently for the light and the dark theme (`def` coloured as a comment in light). With oniguruma the build of
 * asyncio-ja went from 6.2–9.9 s to 3.0–4.1 s on the same (busy) machine, and both themes colour the same tokens.
 */
export function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: [], engine: createOnigurumaEngine(import('shiki/wasm')) });
  return highlighter;
}

const KNOWN = new Set<string>(LANGS.filter((l) => l !== 'text'));

/** Loads the grammars of `langs` that are among LANGS and not loaded yet; anything else is shown as plain text. */
async function ensureLanguages(hl: Highlighter, langs: Iterable<string>): Promise<void> {
  const loaded = new Set(hl.getLoadedLanguages());
  const missing = [...new Set(langs)].filter((l) => KNOWN.has(l) && !loaded.has(l));
  if (missing.length > 0) await hl.loadLanguage(...(missing as (typeof LANGS)[number][]).filter((l) => l !== 'text'));
}

// shiki stops colouring a line after 500 ms by default and leaves its rest one token: on a busy machine a
// process's first lines (regexes still compiling) came out in one colour. A build waits; the page is the same
// on every machine.
const TOKENIZE = { tokenizeTimeLimit: 0 } as const;

/** The languages of a hast tree's code blocks (`<code class="language-ts">`, as remark writes them). */
function blockLanguages(tree: Root): string[] {
  const langs: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'code') return;
    const cls = node.properties?.className;
    for (const c of Array.isArray(cls) ? cls : []) if (typeof c === 'string' && c.startsWith('language-')) langs.push(c.slice(9));
  });
  return langs;
}

// Token colours become classes (named by a hash of the style, so stable between builds) and one
// stylesheet, instead of two CSS variables inline on every token: the deck's HTML is half the size.
const styleToClass = transformerStyleToClass({ classPrefix: 'sk-' });
// the notations (`// [!code ++]` …) first: they drop their comment-only lines, and the steps count the lines left
const transformers = [
  transformerNotationDiff(),
  transformerNotationHighlight(),
  transformerNotationErrorLevel(),
  transformerNotationWordHighlight(),
  transformerNotationFocus(),
  transformerCodeSteps(),
  styleToClass,
  transformerTwoslash(),
];

/** The token classes used by everything highlighted so far in this process (dist/assets/code.css). */
export function codeCss(): string {
  return styleToClass.getCSS();
}

/** The rehype step of the MDX pipeline: every fenced block becomes highlighted HTML at build time. */
export async function rehypeHighlight() {
  const hl = await getHighlighter();
  const transform = rehypeShikiFromHighlighter(hl, {
    themes: THEMES,
    defaultColor: false,
    ...TOKENIZE,
    transformers,
    fallbackLanguage: 'text',
    addLanguageClass: true,
  });
  return () =>
    async (...args: Parameters<typeof transform>) => {
      checkCodeSteps(args[0] as Root, args[1] as VFile);
      await ensureLanguages(hl, blockLanguages(args[0] as Root));
      await prepareTwoslash(twoslashBlocks(args[0] as Root, (args[1] as VFile).path));
      return transform(...args);
    };
}

/**
 * Highlights one snippet to HTML (cells' source, outside the MDX tree). `meta` is a fence's meta (`{1|3}`); a cell
 * places its step markers itself (stepMarkers), outside the code its editor replaces.
 */
export async function highlightCode(code: string, lang: string, meta = ''): Promise<string> {
  const hl = await getHighlighter();
  await ensureLanguages(hl, [lang]);
  return hl.codeToHtml(code, { lang, themes: THEMES, defaultColor: false, ...TOKENIZE, transformers, meta: { __raw: meta, kowakunaiStepMarkers: false } });
}

/** One snippet as shiki's tree, coloured with the deck's token classes (magic move splits its tokens further). */
export async function highlightTree(code: string, lang: string): Promise<Root> {
  const hl = await getHighlighter();
  await ensureLanguages(hl, [lang]);
  return hl.codeToHast(code, { lang: KNOWN.has(lang) ? lang : 'text', themes: THEMES, defaultColor: false, ...TOKENIZE, transformers: [styleToClass] });
}
