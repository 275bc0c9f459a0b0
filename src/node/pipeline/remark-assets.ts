import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Root } from 'mdast';
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

/**
 * Checks and rewrites images: each must exist beside the deck, carry alt text and be local
 * (the deck is presented offline). The file is copied under a content-hashed name.
 */
export function remarkAssets(options: { assets: DeckAsset[] }) {
  return (tree: Root, file: VFile) => {
    const deckDir = dirname(file.path);
    const take = (url: string, line?: number, column?: number): string => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
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
    visit(tree, (node) => {
      const at = node.position?.start;
      if (node.type === 'image') {
        if (!node.alt?.trim()) throw new BuildError(`image "${node.url}" has no alt text: write ![what it shows](${node.url})`, file.path, at?.line, at?.column);
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
