/** The step a magic move shows (its HTML: src/node/pipeline/magic-move/render.ts): how many of its markers are visible. */
export function magicMoveStep(block: Element): number {
  return block.querySelectorAll(':scope > .k-mm-mark.visible').length;
}
