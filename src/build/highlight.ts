import rehypeShikiFromHighlighter from '@shikijs/rehype/core';
import { transformerMetaHighlight, transformerNotationFocus, transformerNotationHighlight, transformerStyleToClass } from '@shikijs/transformers';
import { createHighlighter, createJavaScriptRegexEngine, type Highlighter } from 'shiki';

/** Only these languages are loaded: loading all of shiki's costs seconds at start-up. */
export const LANGS = ['ts', 'tsx', 'js', 'jsx', 'python', 'bash', 'json', 'html', 'css', 'text'] as const;
// the high-contrast palettes keep every token (comments too) above WCAG AA on our code background
const THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;

let highlighter: Promise<Highlighter> | undefined;

export function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({
    themes: Object.values(THEMES),
    langs: LANGS.filter((l) => l !== 'text'),
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

// Token colours become classes (named by a hash of the style, so stable between builds) and one
// stylesheet, instead of two CSS variables inline on every token: the deck's HTML is half the size.
const styleToClass = transformerStyleToClass({ classPrefix: 'sk-' });
const transformers = [transformerNotationHighlight(), transformerNotationFocus(), transformerMetaHighlight(), styleToClass];

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
    transformers,
    fallbackLanguage: 'text',
    addLanguageClass: true,
  });
  return () => transform;
}

/** Highlights one snippet to HTML (cells' source, outside the MDX tree). */
export async function highlightCode(code: string, lang: string): Promise<string> {
  const hl = await getHighlighter();
  return hl.codeToHtml(code, { lang, themes: THEMES, defaultColor: false, transformers });
}
