import { FONT_REFRESH_SCRIPT } from '../../shared/font-refresh.js';
import { escapeHtml } from '../../shared/format.js';
import type { BuiltDeck } from './site.js';

const NOTES = /<aside class="notes">([\s\S]*?)<\/aside>/g;
/** A live cell's static markup (render-cell.ts); its JSON payload escapes `<`, so `</live-cell>` ends it. */
const LIVE_CELL = /<live-cell\b[\s\S]*?<\/live-cell>/g;

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
 * A live cell as the handout shows it: the recorded result and nothing to click. The buttons go
 * (a handout has no script to make them work, and "Run" on paper is a lie), and so does the JSON
 * payload, which only the page script reads.
 */
export function staticCell(cellHtml: string): string {
  return cellHtml
    .replace(/<button\b[^>]*\bdata-action="[^"]*"[^>]*>[\s\S]*?<\/button>/g, '')
    .replace(/<script type="application\/json" data-role="cell-data">[\s\S]*?<\/script>/g, '')
    .replace(/\stabindex="0"/g, '');
}

interface HandoutWords {
  handout: string;
  notes: string;
  cells: string;
  open: string;
  recorded: string;
  slide: (n: number, total: number) => string;
}

const WORDS: Record<'ja' | 'en', HandoutWords> = {
  ja: {
    handout: '配布資料',
    notes: 'ノート',
    cells: 'ライブセル（ビルド時に記録した結果）',
    open: 'スライドを開く',
    recorded: 'ライブセルの結果はビルド時に記録したものです。',
    slide: (n, total) => `${n} / ${total}`,
  },
  en: {
    handout: 'handout',
    notes: 'Notes',
    cells: 'Live cells (result recorded at build time)',
    open: 'Open the slides',
    recorded: 'Live cells show the result recorded at build time.',
    slide: (n, total) => `${n} / ${total}`,
  },
};

const words = (lang: string | undefined): HandoutWords => WORDS[lang?.toLowerCase().startsWith('ja') ? 'ja' : 'en'];

/**
 * The handout: an ordinary readable page, and the source of the handout PDF (kowakunai pdf, src/node/cli/pdf.ts, prints
 * it on A4, one page per slide). Each page holds the slide as it looks with every step shown, the
 * speaker's notes, and for every live cell (both of a <Twins> pair) the whole program, every line,
 * with all of its recorded output that the page keeps, its time and its timeline, at a size that can be
 * read on paper (the slide picture itself is scaled down to half size). A long cell continues on the
 * next page rather than being cut.
 */
export function handoutPage(deck: Pick<BuiltDeck, 'id' | 'meta' | 'slidesHtml'>, styles = ''): string {
  const { meta } = deck;
  const w = words(meta.lang);
  const pairs = slidesWithNotes(deck.slidesHtml);
  const title = escapeHtml(meta.title);
  const pages = pairs
    .map(({ slide, notes }, i) => {
      const cells = slide.match(LIVE_CELL) ?? [];
      const cellsBlock =
        cells.length === 0
          ? ''
          : `\n<section class="handout-cells" aria-label="${escapeHtml(w.cells)}"><h3 class="handout-label">${escapeHtml(w.cells)}</h3>${cells.map(staticCell).join('\n')}</section>`;
      return `<article class="handout-page" id="slide-${i + 1}">
<p class="handout-running"><span>${title}</span><span>${w.slide(i + 1, pairs.length)}</span></p>
<div class="handout-frame"><div class="reveal handout-slide"><div class="handout-scale">${slide.replace(LIVE_CELL, staticCell)}</div></div></div>
<section class="handout-notes"><h3 class="handout-label">${escapeHtml(w.notes)}</h3>${notes || `<p class="handout-empty">—</p>`}</section>${cellsBlock}
</article>`;
    })
    .join('\n');
  const byline = [meta.author, meta.event, meta.date].filter(Boolean).map(escapeHtml).join(' · ');
  // `print-pdf` switches off reveal.css's "paper" print rules (html:not(.print-pdf) …: 20pt text, every div
  // display:block), which would otherwise re-flow the slide pictures whenever the handout is printed.
  return `<!doctype html>
<html lang="${escapeHtml(meta.lang)}" class="theme-light handout print-pdf" data-deck="${escapeHtml(deck.id)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} — ${escapeHtml(w.handout)}</title>
${styles}
<link rel="stylesheet" href="../assets/deck.css">
<link rel="stylesheet" href="../assets/handout.css">
<script>${FONT_REFRESH_SCRIPT}</script>
<script type="module" src="../assets/handout-fit.js"></script>
</head>
<body>
<header class="handout-header">
<h1>${title}</h1>
${byline ? `<p>${byline}</p>\n` : ''}<p><a href="index.html">${escapeHtml(w.open)}</a> · ${escapeHtml(w.recorded)}</p>
</header>
<main>
${pages}
</main>
</body>
</html>
`;
}
