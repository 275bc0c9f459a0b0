import rehypeShikiFromHighlighter from '@shikijs/rehype/core';
import { transformerMetaHighlight, transformerNotationFocus, transformerNotationHighlight, transformerStyleToClass } from '@shikijs/transformers';
import { createHighlighter, createJavaScriptRegexEngine, type Highlighter } from 'shiki';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { prepareTwoslash, transformerTwoslash, twoslashBlocks } from './twoslash.js';

/** Only these languages are loaded: loading all of shiki's costs seconds at start-up. */
export const LANGS = ['ts', 'tsx', 'js', 'jsx', 'python', 'bash', 'json', 'html', 'css', 'text'] as const;
// the high-contrast palettes keep every token (comments too) above WCAG AA on our code background
const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

let highlighter: Promise<Highlighter> | undefined;

/**
 * The themes only, at first: a grammar is loaded the first time a block in that language is met (most decks
 * use two or three of LANGS), which keeps a cold build's start-up short.
 */
export function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: [], engine: createJavaScriptRegexEngine() });
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
const transformers = [transformerNotationHighlight(), transformerNotationFocus(), transformerMetaHighlight(), styleToClass, transformerTwoslash()];

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
      await ensureLanguages(hl, blockLanguages(args[0] as Root));
      await prepareTwoslash(twoslashBlocks(args[0] as Root, (args[1] as VFile).path));
      return transform(...args);
    };
}

/** Highlights one snippet to HTML (cells' source, outside the MDX tree). */
export async function highlightCode(code: string, lang: string): Promise<string> {
  const hl = await getHighlighter();
  await ensureLanguages(hl, [lang]);
  return hl.codeToHtml(code, { lang, themes: THEMES, defaultColor: false, ...TOKENIZE, transformers });
}
