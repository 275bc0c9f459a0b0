/**
 * TypeScript in the cell editor: red underlines (CodeMirror's lint), hover types and completion, answered by
 * types-worker.ts off the main thread. Part of the editor's chunk; the worker (TypeScript, ~1 MB gzip) starts when
 * the first TypeScript editor opens, never with the deck. It knows the kowakunai API and the .d.ts of the packages
 * the deck's build bundled (the package list's data-types file).
 */
import { autocompletion, startCompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { linter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView, hoverTooltip } from '@codemirror/view';
import { cellsContext } from './context.js';
import type { FromTypes, ToTypes } from './types-protocol.js';

let worker: Worker | undefined;
let broken = false;
let nextId = 0;
const waiting = new Map<number, (msg: FromTypes | null) => void>();

function ensureWorker(): Worker | undefined {
  if (worker || broken) return worker;
  const { assetsUrl } = cellsContext();
  const w = new Worker(new URL('types-worker.js', assetsUrl), { type: 'module', name: 'kowakunai-types' });
  w.onmessage = (e: MessageEvent<FromTypes>) => {
    const msg = e.data;
    if (msg.id === undefined) {
      // the checker could not start: the editor goes on without types (compile errors still show on Run)
      broken = true;
      for (const done of waiting.values()) done(null);
      waiting.clear();
      return;
    }
    waiting.get(msg.id)?.(msg);
    waiting.delete(msg.id);
  };
  const types = document.querySelector('script[data-kowakunai-packages]')?.getAttribute('data-types');
  const init: ToTypes = { type: 'init', libUrl: new URL('ts-lib.json', assetsUrl).href, ...(types ? { typesUrl: new URL(types, document.baseURI).href } : {}) };
  w.postMessage(init);
  worker = w;
  return w;
}

type Ask = ToTypes extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

function ask(question: Ask): Promise<FromTypes | null> {
  const w = ensureWorker();
  if (!w) return Promise.resolve(null);
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ ...question, id } as ToTypes);
  });
}

const source = (view: EditorView): string => view.state.doc.toString();

async function typeDiagnostics(view: EditorView): Promise<Diagnostic[]> {
  const reply = await ask({ type: 'diagnostics', source: source(view) });
  if (reply?.type !== 'diagnostics') return [];
  const end = view.state.doc.length;
  return reply.diagnostics.map((d) => ({ from: Math.min(d.from, end), to: Math.min(Math.max(d.to, d.from), end), severity: d.severity, message: d.message, source: 'TypeScript' }));
}

const typeLint = linter(typeDiagnostics, { delay: 300 });

/** Puts TypeScript's diagnostics back after something cleared them all (a compile problem that went away). */
export async function relint(view: EditorView): Promise<void> {
  const doc = view.state.doc;
  const diagnostics = await typeDiagnostics(view);
  if (view.state.doc === doc) view.dispatch(setDiagnostics(view.state, diagnostics));
}

const typeHover = hoverTooltip(async (view, pos) => {
  const reply = await ask({ type: 'hover', source: source(view), pos });
  if (reply?.type !== 'hover' || !reply.text) return null;
  const text = reply.text;
  return {
    pos: reply.from,
    end: reply.to,
    above: true,
    create: () => {
      const dom = document.createElement('div');
      dom.className = 'k-type-hover';
      dom.textContent = text;
      return { dom };
    },
  };
});

async function typeCompletions(context: CompletionContext): Promise<CompletionResult | null> {
  const word = context.matchBefore(/[\w$]*/);
  const start = word ? word.from : context.pos;
  // by itself only after a dot (members); anywhere on Ctrl+Space: a list that pops up while one types a name would
  // take the presenter's Escape, which must hand the keys back to the deck
  const afterDot = context.state.sliceDoc(Math.max(0, start - 1), start) === '.';
  if (!context.explicit && !afterDot) return null;
  const reply = await ask({ type: 'complete', source: context.state.doc.toString(), pos: context.pos });
  if (reply?.type !== 'complete' || reply.items.length === 0) return null;
  return { from: reply.from, options: reply.items.map((i) => ({ label: i.label, type: kindOf(i.kind) })), validFor: /^[\w$]*$/ };
}

/** TypeScript's element kinds as CodeMirror's completion icons name them. */
function kindOf(kind: string): string {
  if (kind === 'method' || kind === 'function' || kind === 'local function') return 'function';
  if (kind === 'property' || kind === 'getter' || kind === 'setter') return 'property';
  if (kind === 'class' || kind === 'interface' || kind === 'type' || kind === 'enum') return kind === 'type' ? 'type' : 'class';
  if (kind === 'keyword') return 'keyword';
  return 'variable';
}

/**
 * Completion opens by itself only when a dot is typed: with CodeMirror's activate-on-typing, every keystroke left a
 * completion pending for a moment, and an Escape pressed then closed that instead of handing the keys back to the deck.
 */
const completeAfterDot = EditorView.updateListener.of((update) => {
  if (!update.docChanged || !update.transactions.some((tr) => tr.isUserEvent('input.type'))) return;
  const at = update.state.selection.main.head;
  if (update.state.sliceDoc(at - 1, at) === '.') startCompletion(update.view);
});

/** The editor extensions of a TypeScript cell. */
export function typeAware(): Extension[] {
  return [typeLint, typeHover, autocompletion({ override: [typeCompletions], activateOnTyping: false }), completeAfterDot];
}

/** Starts the checker now (the editor just opened): the first diagnostic then does not wait for TypeScript to load. */
export function warmTypes(): void {
  ensureWorker();
}
