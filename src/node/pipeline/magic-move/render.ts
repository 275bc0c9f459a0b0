import type { Element, ElementContent, Root, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { highlightTree } from '../highlight.js';
import { assignTokenIds } from './match.js';

export interface MagicMoveSource {
  lang: string;
  code: string;
}

/**
 * The static HTML of a magic move: every version as its own highlighted <pre>, stacked in one grid cell, with an
 * empty reveal.js fragment between two versions (one step each). Each word of code is a span of its own (a child of its .line; no class of its own, to keep
 * the first page light); the ids
 * the matcher gave the words are listed on their version's <pre> (data-mm-ids, in word order): the page moves
 * the element of one id from version to version. Without any script, CSS
 * shows the version after the last visible marker (magic-move.css), so print and PDF show whole versions only.
 */
export async function renderMagicMove(versions: MagicMoveSource[]): Promise<string> {
  const trees = await Promise.all(versions.map((v) => highlightTree(v.code.replace(/\n+$/, ''), v.lang)));
  const words = trees.map(splitWords);
  const ids = assignTokenIds(words.map((w) => w.map(wordText)));
  const pres = trees.map((tree, v) => {
    const pre = tree.children.find((c): c is Element => c.type === 'element' && c.tagName === 'pre')!;
    pre.properties.class = [...classes(pre), 'k-mm-v'].join(' ');
    pre.properties['data-v'] = v;
    // the ids in word order, once per version, not an attribute on every word: a version's words then repeat the
    // previous version's markup byte for byte where the code is the same, which gzip folds away (an id on each
    // word made every version unique: +6 KB on asyncio-ja's first page)
    pre.properties['data-mm-ids'] = ids[v].join(' ');
    return toHtml(pre);
  });
  // one index per step: the two panes of <Twins> (each a magic move) step together, not one after the other
  const marks = (v: number) => `<span class="fragment k-mm-mark" data-fragment-index="${v}" data-mm-step="${v}" aria-hidden="true"></span>`;
  return `<div class="k-mm" data-magic-move="${versions.length}">${pres.map((p, v) => (v === 0 ? p : marks(v) + p)).join('')}</div>`;
}

/** A run of whitespace, a name or number, or one other character (shiki merges `(a, b)` into one token). */
const WORD = /\s+|[\p{L}\p{N}_$]+|[^\s\p{L}\p{N}_$]/gu;

/**
 * Shiki's tokens cut into words: the words are the units that move (an indent that changes must not
 * unmatch the code after it), the whitespace between them stays plain text. Returns the word spans in order.
 */
function splitWords(tree: Root): Element[] {
  const words: Element[] = [];
  const visit = (node: Element): void => {
    const lines = node.children.filter((c): c is Element => c.type === 'element');
    for (const child of lines) {
      if (!classes(child).includes('line')) {
        visit(child);
        continue;
      }
      child.children = child.children.flatMap((token) => {
        const text = textOf(token);
        const cls = token.type === 'element' ? classes(token) : [];
        return (text.match(WORD) ?? []).map((part): ElementContent => {
          if (/^\s+$/.test(part)) return { type: 'text', value: part };
          const el: Element = { type: 'element', tagName: 'span', properties: { class: cls.join(' ') }, children: [{ type: 'text', value: part }] };
          words.push(el);
          return el;
        });
      });
    }
  };
  for (const c of tree.children) if (c.type === 'element') visit(c);
  return words;
}

function wordText(el: Element): string {
  return (el.children[0] as Text).value;
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** Shiki writes `class` as one string; hast elsewhere uses className. */
function classes(el: Element): string[] {
  const c = el.properties.class ?? el.properties.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(' ') : [];
}
