import { StateEffect, StateField, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet } from '@codemirror/view';

type Lit = number[] | 'all';

/** `data-lit-lines` as src/page/code-steps.ts writes it: "1,3,4", "all", or "" (none lit). */
function readLit(cell: HTMLElement): Lit {
  const v = cell.dataset.litLines;
  if (v === undefined || v === 'all') return 'all';
  return v === '' ? [] : v.split(',').map(Number);
}

const setLit = StateEffect.define<Lit>();
const dim = Decoration.line({ class: 'k-cm-dim' });

/**
 * A stepped cell's lines in its editor: the lines its current step does not light are dimmed, as in the static
 * code. The step comes from the cell's `data-lit-lines`, which the page's CodeSteps sets at every step.
 */
export function followCellSteps(cell: HTMLElement | null): Extension {
  if (!cell?.hasAttribute('data-steps')) return [];
  const lit = StateField.define<Lit>({
    create: () => readLit(cell),
    update: (value, tr) => tr.effects.reduce((v, e) => (e.is(setLit) ? e.value : v), value),
  });
  const decorations = EditorView.decorations.compute([lit, 'doc'], (state): DecorationSet => {
    const on = state.field(lit);
    if (on === 'all') return Decoration.none;
    const ranges: Range<Decoration>[] = [];
    for (let n = 1; n <= state.doc.lines; n++) if (!on.includes(n)) ranges.push(dim.range(state.doc.line(n).from));
    return Decoration.set(ranges);
  });
  const watch = ViewPlugin.define((view) => {
    const observer = new MutationObserver(() => view.dispatch({ effects: setLit.of(readLit(cell)) }));
    observer.observe(cell, { attributes: true, attributeFilter: ['data-lit-lines'] });
    return { destroy: () => observer.disconnect() };
  });
  return [lit, decorations, watch];
}
