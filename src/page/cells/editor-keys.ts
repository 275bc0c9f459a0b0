/**
 * The few editing commands a presenter needs — undo/redo, Enter with indentation, Tab/Shift-Tab —
 * written against @codemirror/state and @codemirror/language because @codemirror/commands is not a
 * dependency of the project (the `codemirror` package installed is CodeMirror 5 under a 6.x version).
 * If @codemirror/commands is added, `history()`, `historyKeymap` and `insertNewlineAndIndent` replace
 * this file one for one.
 */
import { getIndentation, IndentContext, indentString, indentUnit } from '@codemirror/language';
import {
  Annotation,
  ChangeSet,
  countColumn,
  EditorSelection,
  StateEffect,
  StateField,
  Text,
  type EditorState,
  type Extension,
} from '@codemirror/state';
import { keymap, type EditorView, type KeyBinding } from '@codemirror/view';

// ---- history ----

interface Entry {
  /** the inverse of what was done: applying it goes back */
  changes: ChangeSet;
  /** the selection to restore along with it */
  selection: EditorSelection;
}
interface History {
  done: Entry[];
  undone: Entry[];
  lastTime: number;
  lastType: string;
}

const MAX_ENTRIES = 200;
/** Typing within this many ms joins one undo step, like every editor does. */
const JOIN_MS = 600;
const fromHistory = Annotation.define<boolean>();
const setHistory = StateEffect.define<History>();

const historyField = StateField.define<History>({
  create: () => ({ done: [], undone: [], lastTime: 0, lastType: '' }),
  update(h, tr) {
    for (const e of tr.effects) if (e.is(setHistory)) return e.value;
    if (!tr.docChanged || tr.annotation(fromHistory)) return h;
    const inverse = tr.changes.invert(tr.startState.doc);
    const now = Date.now();
    const type = tr.isUserEvent('input.type') ? 'type' : tr.isUserEvent('delete') ? 'delete' : 'other';
    const last = h.done[h.done.length - 1];
    if (last && type !== 'other' && type === h.lastType && now - h.lastTime < JOIN_MS) {
      // Undo this change first, then the older ones: inverse ∘ last.
      const joined: Entry = { changes: inverse.compose(last.changes), selection: last.selection };
      return { done: [...h.done.slice(0, -1), joined], undone: [], lastTime: now, lastType: type };
    }
    const done = [...h.done, { changes: inverse, selection: tr.startState.selection }].slice(-MAX_ENTRIES);
    return { done, undone: [], lastTime: now, lastType: type };
  },
});

function travel(view: EditorView, back: boolean): boolean {
  const h = view.state.field(historyField);
  const from = back ? h.done : h.undone;
  const entry = from[from.length - 1];
  if (!entry) return false;
  const reverse: Entry = { changes: entry.changes.invert(view.state.doc), selection: view.state.selection };
  const rest = from.slice(0, -1);
  const other = [...(back ? h.undone : h.done), reverse];
  const next: History = back
    ? { done: rest, undone: other, lastTime: 0, lastType: '' }
    : { done: other, undone: rest, lastTime: 0, lastType: '' };
  view.dispatch({
    changes: entry.changes,
    selection: entry.selection,
    effects: setHistory.of(next),
    annotations: fromHistory.of(true),
    scrollIntoView: true,
    userEvent: back ? 'undo' : 'redo',
  });
  return true;
}

// ---- Enter and Tab ----

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

function betweenBrackets(state: EditorState, pos: number): boolean {
  const before = state.sliceDoc(pos - 1, pos);
  return PAIRS[before] !== undefined && state.sliceDoc(pos, pos + 1) === PAIRS[before];
}

/** Enter: a new line indented as the syntax says; between brackets, the closing one moves down too. */
function newlineAndIndent(view: EditorView): boolean {
  const { state } = view;
  const tr = state.changeByRange((range) => {
    const { from, to } = range;
    const line = state.doc.lineAt(from);
    const explode = from === to && betweenBrackets(state, from);
    const cx = new IndentContext(state, { simulateBreak: from, simulateDoubleBreak: explode });
    const indent = getIndentation(cx, from) ?? countColumn(/^\s*/.exec(line.text)![0], state.tabSize);
    const lines = ['', indentString(state, indent)];
    if (explode) lines.push(indentString(state, cx.lineIndent(line.from, -1)));
    return {
      changes: { from, to, insert: Text.of(lines) },
      range: EditorSelection.cursor(from + 1 + lines[1].length),
    };
  });
  view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input' }));
  return true;
}

/** Tab: with a cursor, insert one indent unit; with a selection, indent every selected line. */
function indentMore(view: EditorView): boolean {
  const { state } = view;
  const unit = state.facet(indentUnit);
  if (state.selection.ranges.every((r) => r.empty)) {
    view.dispatch(state.replaceSelection(unit), { userEvent: 'input', scrollIntoView: true });
    return true;
  }
  const changes = selectedLines(state).map((from) => ({ from, insert: unit }));
  view.dispatch({ changes, userEvent: 'input.indent' });
  return true;
}

/** Shift-Tab: remove up to one indent unit from the start of every line the selection touches. */
function indentLess(view: EditorView): boolean {
  const { state } = view;
  const width = state.facet(indentUnit).length;
  const changes = selectedLines(state).flatMap((from) => {
    const text = state.doc.lineAt(from).text;
    const n = Math.min(width, /^ */.exec(text)![0].length || (text.startsWith('\t') ? 1 : 0));
    return n > 0 ? [{ from, to: from + n }] : [];
  });
  if (changes.length) view.dispatch({ changes, userEvent: 'delete.dedent' });
  return true;
}

function selectedLines(state: EditorState): number[] {
  const starts = new Set<number>();
  for (const r of state.selection.ranges) {
    const last = state.doc.lineAt(r.to).number;
    for (let n = state.doc.lineAt(r.from).number; n <= last; n++) starts.add(state.doc.line(n).from);
  }
  return [...starts].sort((a, b) => a - b);
}

const bindings: KeyBinding[] = [
  { key: 'Mod-z', run: (v) => travel(v, true), preventDefault: true },
  { key: 'Mod-y', run: (v) => travel(v, false), preventDefault: true },
  { key: 'Mod-Shift-z', run: (v) => travel(v, false), preventDefault: true },
  { key: 'Enter', run: newlineAndIndent },
  { key: 'Tab', run: indentMore, shift: indentLess },
];

/** History state plus the key bindings above. */
export function editingKeys(): Extension {
  return [historyField, keymap.of(bindings)];
}
