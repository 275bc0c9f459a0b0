import { escapeHtml } from '../shared/format.js';
import type { BuiltDeck } from './site.js';

const NOTES = /<aside class="notes">([\s\S]*?)<\/aside>/g;

/** Splits the rendered slides into (slide without notes, notes) pairs. */
export function slidesWithNotes(slidesHtml: string): { slide: string; notes: string }[] {
  const sections = slidesHtml.match(/<section data-slide="\d+"[\s\S]*?<\/section>(?=\s*(?:<section data-slide=|$))/g) ?? [];
  return sections.map((section) => {
    const notes: string[] = [];
    const slide = section.replace(NOTES, (_m, inner: string) => {
      notes.push(inner);
      return '';
    });
    return { slide, notes: notes.join('\n') };
  });
}

/**
 * The handout: an ordinary readable page (and the source of the handout PDF). Each page holds
 * the slide as it looks with every step shown, the speaker's notes, and for live cells the code
 * with the result recorded at build time — never a button to click.
 */
export function handoutPage(deck: Pick<BuiltDeck, 'id' | 'meta' | 'slidesHtml'>): string {
  const { meta } = deck;
  const ja = meta.lang === 'ja';
  const pages = slidesWithNotes(deck.slidesHtml)
    .map(
      ({ slide, notes }, i) => `<article class="handout-page" id="slide-${i + 1}">
<div class="handout-frame"><div class="reveal handout-slide"><div class="handout-scale">${slide}</div></div></div>
<div class="handout-notes"><h2 class="handout-label">${ja ? 'ノート' : 'Notes'} · ${i + 1}</h2>${notes || `<p class="handout-empty">—</p>`}</div>
</article>`,
    )
    .join('\n');
  const byline = [meta.author, meta.event, meta.date].filter(Boolean).map(escapeHtml).join(' · ');
  return `<!doctype html>
<html lang="${escapeHtml(meta.lang)}" class="theme-light handout" data-deck="${escapeHtml(deck.id)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)} — ${ja ? '配布資料' : 'handout'}</title>
<link rel="stylesheet" href="../assets/fonts/fonts.css">
<link rel="stylesheet" href="../assets/deck.css">
<link rel="stylesheet" href="../assets/handout.css">
</head>
<body>
<header class="handout-header">
<h1>${escapeHtml(meta.title)}</h1>
<p>${byline}</p>
<p><a href="index.html">${ja ? 'スライドを開く' : 'Open the slides'}</a> · ${
    ja ? 'ライブセルの結果はビルド時に記録したものです。' : 'Live cells show the result recorded at build time.'
  }</p>
</header>
<main>
${pages}
</main>
</body>
</html>
`;
}
