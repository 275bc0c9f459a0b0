/**
 * A cell with steps (a magic move of cells): one <live-cell> whose code box holds the magic move of every
 * version (src/page/magic-move.ts morphs it), and whose payload holds each later version's code, compiled js and
 * recorded run. The cell follows the step on screen: Run runs that version, its recorded run shows with it, and
 * its edits are saved under a key of its own, so versions never mix.
 */
import type { CellPayload } from '../../shared/types.js';
import { magicMoveStep } from '../magic-move-step.js';

export class CellVersions {
  /** the version on screen */
  n = 0;

  constructor(private readonly base: CellPayload) {}

  get count(): number {
    return 1 + (this.base.versions?.length ?? 0);
  }

  /** The cell as version `n` is: the same cell (id, title, time limit), that version's code and recorded run. */
  payload(n: number): CellPayload {
    const v = n > 0 ? this.base.versions?.[n - 1] : undefined;
    return v ? { ...this.base, ...v, id: this.base.id, mapId: v.id } : this.base;
  }

  /** Where this version's edits are saved: under its own id (the first version's is the cell's). */
  editKey(n = this.n): string {
    return n === 0 ? this.base.id : this.base.versions![n - 1].id;
  }
}

/** The magic move in a cell's code box, if the cell has steps. */
export function magicMoveIn(code: HTMLElement): HTMLElement | null {
  return code.querySelector<HTMLElement>(':scope > .k-mm');
}

/** The code of the version on screen (the box itself for a cell without steps): offsets and error lines are counted in it. */
export function codeOnScreen(code: HTMLElement): HTMLElement {
  const mm = magicMoveIn(code);
  return (mm && mm.querySelectorAll<HTMLElement>(':scope > .k-mm-v')[magicMoveStep(mm)]) || code;
}

/**
 * Shows `nodes` (the editor, an edit as plain text) in the code box, or the built code when null. A magic move
 * stays in the box, hidden: its markers are the slide's steps, and reveal.js counts them on every step.
 */
export function putCode(code: HTMLElement, built: Node[], nodes: Node[] | null): void {
  const mm = magicMoveIn(code);
  if (!mm) return code.replaceChildren(...(nodes ?? built));
  mm.hidden = nodes !== null;
  code.replaceChildren(mm, ...(nodes ?? []));
}

/** Calls `show(step)` now and on every step of the cell's magic move. */
export function followSteps(code: HTMLElement, show: (step: number) => void): void {
  const mm = magicMoveIn(code);
  if (!mm) return;
  mm.addEventListener('magic-move:step', (e) => show((e as CustomEvent<{ step: number }>).detail.step));
  show(magicMoveStep(mm));
}
