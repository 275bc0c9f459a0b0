import { escapeHtml } from '../../shared/format.js';
import type { DeckMeta } from '../../shared/types.js';

export interface DeckPageInput {
  id: string;
  meta: DeckMeta;
  slidesHtml: string;
  /** extra tags for <head>; dev-only tags are added by the dev server as it serves, never here */
  head?: string;
  /** inline <style>s: the deck's @font-face rules and the code's token classes (one request less each) */
  styles?: string;
  /** the single-file deck: the client's CSS and JS inlined instead of linked from ../assets/ */
  inline?: { css: string; js: string };
}

// the slides' place in a deck page: deckPage writes them between these, pageFrame cuts them out
const SLIDES_OPEN = '<div class="slides">\n';
const SLIDES_CLOSE = '\n</div>\n</div>\n</body>';

/**
 * A deck page. Every URL is relative (the site works under any sub-path), and the slides are plain
 * HTML: with JavaScript off they read top to bottom.
 */
export function deckPage({ id, meta, slidesHtml, head = '', styles = '', inline }: DeckPageInput): string {
  const byline = [meta.author, meta.event, meta.date].filter(Boolean).join(' · ');
  return `<!doctype html>
<html lang="${escapeHtml(meta.lang)}" class="theme-${meta.theme}" data-deck="${escapeHtml(id)}"${meta.duration ? ` data-duration="${meta.duration}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(meta.title)}</title>
<meta name="description" content="${escapeHtml(meta.description ?? byline)}">
<meta name="color-scheme" content="${meta.theme}">
${styles}
${inline ? `<style>${inline.css}</style>\n<script type="module">${inline.js}</script>` : '<link rel="stylesheet" href="../assets/deck.css">\n<script type="module" src="../assets/deck.js"></script>'}
<noscript><style>
.reveal .slides { position: static; width: auto !important; height: auto !important; transform: none !important; }
.reveal .slides > section { display: block !important; position: static !important; visibility: visible !important; opacity: 1 !important; transform: none !important; height: auto !important; margin: 2em auto; max-width: 60em; border-bottom: 1px solid var(--k-border); padding-bottom: 1em; }
.reveal .fragment { opacity: 1 !important; visibility: visible !important; }
.reveal, .reveal-viewport { overflow: visible; height: auto; }
</style></noscript>
${head}</head>
<body>
<div class="reveal">
${SLIDES_OPEN}${slidesHtml}${SLIDES_CLOSE}
</html>
`;
}

export interface IndexEntry {
  id: string;
  meta: DeckMeta;
  slides: number;
  /** relative links to files that exist beside the deck (PDFs), label → href */
  downloads: { label: string; href: string }[];
}

/** dist/index.html: the decks of the site, with their handouts and PDFs. */
export function indexPage(decks: IndexEntry[], fonts = ''): string {
  const items = decks
    .map((d) => {
      const byline = [d.meta.author, d.meta.event, d.meta.date].filter(Boolean).map(escapeHtml).join(' · ');
      const links = [
        `<a href="${d.id}/index.html">${d.meta.lang === 'ja' ? 'スライド' : 'Slides'}</a>`,
        `<a href="${d.id}/handout.html">${d.meta.lang === 'ja' ? '配布資料' : 'Handout'}</a>`,
        ...d.downloads.map((x) => `<a href="${escapeHtml(x.href)}">${escapeHtml(x.label)}</a>`),
      ].join(' · ');
      return `<li lang="${escapeHtml(d.meta.lang)}" data-deck="${escapeHtml(d.id)}">
<h2><a href="${d.id}/index.html">${escapeHtml(d.meta.title)}</a></h2>
<p>${byline}</p>
<p>${d.slides} slides · ${escapeHtml(d.meta.lang)} · ${links}</p>
</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>kowakunai — decks</title>
${fonts}
<style>
body { font-family: 'Hiragino Sans', 'Noto Sans JP', system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; background: #fbfaf7; color: #1b1b1f; line-height: 1.6; }
a { color: #1f5fa8; }
ul { list-style: none; padding: 0; }
li { border-bottom: 1px solid #d6d3cb; padding: 0.5rem 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin: 0.5rem 0 0; }
p { margin: 0.25rem 0; color: #4a4d55; }
</style>
</head>
<body>
<h1>kowakunai — decks</h1>
<ul>
${items}
</ul>
</body>
</html>
`;
}

/**
 * A deck page without its slides: everything a page loads besides them (scripts, styles, the font cut, the
 * title). Two builds with the same frame differ only in slides, which the dev server can swap into an open page.
 */
export function pageFrame(html: string): string {
  const start = html.indexOf(SLIDES_OPEN);
  const end = html.lastIndexOf(SLIDES_CLOSE);
  return start < 0 || end < start ? html : html.slice(0, start) + html.slice(end);
}
