import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { CodeStepsError } from './code-steps-meta.js';
import { BuildError, BuildErrorList } from './errors.js';
import { stepsOf } from './transformer-code-steps.js';

/** The text of a hast subtree. */
function textOf(node: Element): string {
  return node.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '')).join('');
}

/**
 * Checks every fence's `{1|3-4}` before shiki draws it, where the fence's place in the deck is still known:
 * a range past the block's end or a malformed one fails the build at the fence's line, all of them at once.
 */
export function checkCodeSteps(tree: Root, file: VFile): void {
  const errors: BuildError[] = [];
  visit(tree, 'element', (pre: Element) => {
    const code = pre.tagName === 'pre' ? pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code') : undefined;
    const meta = (code?.data as { meta?: string } | undefined)?.meta;
    if (!code || !meta) return;
    const lineCount = textOf(code).replace(/\n$/, '').split('\n').length;
    try {
      stepsOf(meta, lineCount);
    } catch (error) {
      if (!(error instanceof CodeStepsError)) throw error;
      const at = pre.position?.start ?? code.position?.start;
      errors.push(new BuildError(`code block: ${error.message}`, file.path, at?.line, at?.column));
    }
  });
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new BuildErrorList(errors);
}
