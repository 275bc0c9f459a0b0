import { gemoji } from 'gemoji';
import type { Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

let byName: Map<string, string> | undefined;

/** `:smile:` → 😄 (GitHub's names, as Slidev, Marp and GitHub write them); an unknown name stays as written. */
export function remarkEmoji() {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text) => {
      if (!node.value.includes(':')) return;
      byName ??= new Map(gemoji.flatMap((g) => g.names.map((n) => [n, g.emoji] as const)));
      node.value = node.value.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => byName!.get(name) ?? whole);
    });
  };
}
