/**
 * A light first page: what a reader's browser must fetch before it can show the first slide.
 * Sizes are gzip (what static hosts send); no timing is asserted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';
import { firstPageWeight } from '../../scripts/bench/deck-bench.js';

const distDir = inject('distDir');
const DECKS = ['asyncio-ja', 'asyncio-en', 'example'];

test.each(DECKS)('%s: one stylesheet to wait for, no classic script, and HTML+CSS+JS within its gzip budget', (deck) => {
  const html = readFileSync(join(distDir, deck, 'index.html'), 'utf8');
  const head = html.slice(0, html.indexOf('</head>'));
  expect(head.match(/<link rel="stylesheet"/g)).toHaveLength(1);
  // module scripts are deferred: they never hold up the first paint
  for (const tag of head.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/type="(module|application\/json)"/);
  const w = firstPageWeight(distDir, deck);
  // issue 12: 100 KB for every deck, the talk decks included (their HTML carries each recorded cell and every note)
  const budget = 100;
  expect(w.total, `HTML ${w.html} + CSS ${w.css} + JS ${w.js} bytes`).toBeLessThanOrEqual(budget * 1024);
});
