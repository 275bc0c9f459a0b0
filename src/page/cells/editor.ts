/**
 * The cell editor: CodeMirror 6 with TypeScript (or Python) highlighting. This module is only ever reached through
 * `import('./editor.js')` (see live-cell.ts), so CodeMirror lands in its own chunk and costs nothing
 * until someone clicks into a cell's code.
 *
 * Highlighting uses lezer's class highlighter (`tok-keyword` …) styled in cells.css with the deck's
 * CSS variables, so one editor works for the light and the dark theme.
 */
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { editingKeys } from './editor-keys.js';
import { followCellSteps } from './editor-steps.js';
import { relint, typeAware, warmTypes } from './type-aware.js';

export interface EditorProblem {
  /** 1-based */
  line: number;
  /** 1-based */
  column?: number;
  message: string;
  severity?: 'error' | 'warning';
}

export interface CellEditor {
  readonly view: EditorView;
  getSource(): string;
  setSource(source: string): void;
  focus(): void;
  /** Mark a problem at its line and column (null clears). */
  setProblem(problem: EditorProblem | null): void;
  destroy(): void;
}

export interface EditorOptions {
  source: string;
  /** accessible name of the editing area */
  label: string;
  /** default 'ts'; Python cells get Python's grammar and 4-space indents */
  lang?: 'ts' | 'python';
  onChange(source: string): void;
}

export function createEditor(parent: HTMLElement, opts: EditorOptions): CellEditor {
  const py = opts.lang === 'python';
  if (!py) warmTypes();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: opts.source,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        highlightActiveLine(),
        bracketMatching(),
        closeBrackets(),
        indentOnInput(),
        indentUnit.of(py ? '    ' : '  '),
        EditorState.tabSize.of(py ? 4 : 2),
        keymap.of(closeBracketsKeymap),
        editingKeys(),
        py ? python() : javascript({ typescript: true }),
        // diagnostics, hover types and completion from TypeScript, in its own worker
        py ? [] : typeAware(),
        syntaxHighlighting(classHighlighter),
        lintGutter(),
        followCellSteps(parent.closest('live-cell')),
        // like the static code (cells.css): wrap rather than hide code behind a scrollbar
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': opts.label, spellcheck: 'false', autocapitalize: 'off' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) opts.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    view,
    getSource: () => view.state.doc.toString(),
    setSource(source) {
      if (source === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: source } });
    },
    focus: () => view.focus(),
    setProblem(problem) {
      view.dispatch(setDiagnostics(view.state, problem ? [diagnosticAt(view.state, problem)] : []));
      // one lint state holds both: clearing the compiler's problem must not clear TypeScript's for long
      if (!problem && !py) void relint(view);
    },
    destroy: () => view.destroy(),
  };
}

/** A 1-based line/column as a CodeMirror range: the character there, or the line's end. */
function diagnosticAt(state: EditorState, p: EditorProblem): Diagnostic {
  const line = state.doc.line(Math.min(Math.max(p.line, 1), state.doc.lines));
  const from = Math.min(line.from + Math.max((p.column ?? 1) - 1, 0), line.to);
  // Underline to the end of the word when there is one, so the mark is visible from the back row.
  const rest = state.sliceDoc(from, line.to);
  const word = /^[\w$]+/.exec(rest)?.[0].length ?? 1;
  const to = Math.min(from + word, line.to);
  return { from: to > from ? from : Math.max(line.from, from - 1), to: Math.max(to, from), severity: p.severity ?? 'error', message: p.message };
}
