import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Image, Parent, Root } from 'mdast';
import type { MdxJsxAttribute } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { BuildError } from './errors.js';

export interface DeckAsset {
  /** absolute path of the source file */
  from: string;
  /** path relative to the deck's folder in dist/, e.g. media/waiter-1a2b3c4d.png */
  to: string;
}

const REMOTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** A picture behind the slide (Marp's `![bg]`, Slidev's `background:`): decorative, so it needs no alt text. */
function decorative(node: Image): boolean {
  const cls = (node.data as { hProperties?: { className?: unknown } } | undefined)?.hProperties?.className;
  return Array.isArray(cls) && cls.includes('k-bg');
}

/** What stands in for a picture on another host: a box with its alt text, the size of a small picture. */
function placeholder(node: Image) {
  return {
    type: 'mdxJsxTextElement' as const,
    name: 'span',
    attributes: [
      { type: 'mdxJsxAttribute' as const, name: 'class', value: 'k-missing-image' },
      { type: 'mdxJsxAttribute' as const, name: 'role', value: 'img' },
      { type: 'mdxJsxAttribute' as const, name: 'aria-label', value: node.alt || node.url },
    ],
    children: [{ type: 'text' as const, value: node.alt || node.url }],
  };
}

/**
 * Checks and rewrites images: each must exist beside the deck, carry alt text and be local
 * (the deck is presented offline). The file is copied under a content-hashed name. A picture on another host is
 * never fetched: a box with its alt text stands in for it, and a warning says how to bring it beside the deck.
 */
export function remarkAssets(options: { assets: DeckAsset[] }) {
  return (tree: Root, file: VFile) => {
    const deckDir = dirname(file.path);
    const take = (url: string, line?: number, column?: number): string => {
      if (REMOTE.test(url)) {
        if (url.startsWith('data:')) return url;
        throw new BuildError(`image "${url}" is on another host; decks must work offline — put the file beside the deck`, file.path, line, column);
      }
      const from = resolve(deckDir, decodeURI(url));
      let bytes: Buffer;
      try {
        bytes = readFileSync(from);
      } catch {
        throw new BuildError(`image not found: ${url} (looked for ${from})`, file.path, line, column);
      }
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
      const ext = extname(from);
      const to = `media/${basename(from, ext)}-${hash}${ext}`;
      if (!options.assets.some((a) => a.to === to)) options.assets.push({ from, to });
      return to;
    };
    visit(tree, (node, index, up) => {
      const parent = up as Parent | undefined;
      const at = node.position?.start;
      if (node.type === 'image' && REMOTE.test(node.url) && !node.url.startsWith('data:') && parent && index !== undefined) {
        const name = node.url.split(/[?#]/)[0].split('/').pop() || 'image';
        file.message(`image "${node.url}" is on another host and is never fetched (the deck works offline): a box shows its alt text. Download it beside the deck (curl -o ${name} '${node.url}') and write ![${node.alt || 'what it shows'}](./${name})`, at);
        parent.children[index] = placeholder(node) as never;
        return;
      }
      if (node.type === 'html') {
        // a Markdown deck's raw <img>: the same rules, on the tag's text (rehype-raw parses it later)
        node.value = node.value.replace(/<img\b[^>]*>/gi, (tag) => {
          const src = /\ssrc=(["'])(.*?)\1/i.exec(tag)?.[2];
          if (!src) return tag;
          const alt = /\salt=(["'])(.*?)\1/i.exec(tag)?.[2] ?? '';
          if (REMOTE.test(src) && !src.startsWith('data:')) {
            file.message(`image "${src}" is on another host and is never fetched (the deck works offline): a box shows its alt text. Download it beside the deck and point src at the file`, at);
            return `<span class="k-missing-image" role="img" aria-label="${alt || src}">${alt || src}</span>`;
          }
          if (!alt.trim()) file.message(`<img src="${src}"> has no alt text: add alt="what it shows"`, at);
          return tag.replace(src, take(src, at?.line, at?.column));
        });
        return;
      }
      if (node.type === 'image') {
        if (!node.alt?.trim() && !decorative(node)) throw new BuildError(`image "${node.url}" has no alt text: write ![what it shows](${node.url})`, file.path, at?.line, at?.column);
        node.url = take(node.url, at?.line, at?.column);
      } else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'img') {
        const attrs = node.attributes.filter((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute');
        const src = attrs.find((a) => a.name === 'src');
        const alt = attrs.find((a) => a.name === 'alt');
        if (!alt || (typeof alt.value === 'string' && !alt.value.trim())) throw new BuildError('<img> has no alt text', file.path, at?.line, at?.column);
        if (src && typeof src.value === 'string') src.value = take(src.value, at?.line, at?.column);
      }
    });
  };
}
