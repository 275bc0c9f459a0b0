/**
 * The page's handle on the compiler worker. Nothing here loads until an edit needs compiling (or the
 * deck asks for a warm-up at idle time): an unedited cell runs the JavaScript compiled at build time.
 */
import { cellsContext } from './context.js';
import { availablePackages } from './packages.js';
import type { CompileProblem, FromCompiler, ToCompiler } from './compiler-protocol.js';

export type { CompileProblem } from './compiler-protocol.js';

/** A cell that does not compile; `problem` has the 1-based line and column in the cell's source. */
export class CompileFailure extends Error {
  constructor(readonly problem: CompileProblem) {
    super(problem.message);
    this.name = 'CompileFailure';
  }
}

interface Pending {
  resolve(js: string): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
let broken: string | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function ensureWorker(): Worker {
  if (worker) return worker;
  const { assetsUrl } = cellsContext();
  const w = new Worker(new URL('compiler-worker.js', assetsUrl), { type: 'module', name: 'kowakunai-compiler' });
  w.onmessage = (event: MessageEvent<FromCompiler>) => {
    const msg = event.data;
    if (msg.type === 'warm') return;
    if (msg.type === 'broken') {
      broken = msg.message;
      for (const p of pending.values()) p.reject(new Error(`compiler unavailable: ${broken}`));
      pending.clear();
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'compiled') p.resolve(msg.js);
    else p.reject(new CompileFailure(msg.problem));
  };
  w.onerror = (event) => {
    broken = event.message || 'the compiler worker failed to load';
    for (const p of pending.values()) p.reject(new Error(`compiler unavailable: ${broken}`));
    pending.clear();
  };
  const init: ToCompiler = { type: 'init', wasmURL: new URL('esbuild.wasm', assetsUrl).href };
  w.postMessage(init);
  worker = w;
  return w;
}

/** Start the worker and esbuild-wasm (download, instantiate, one dummy compile) without waiting. */
export function warmCompiler(): void {
  ensureWorker();
}

/** Compile an edited cell; rejects with CompileFailure for errors in the code. */
export function compileSource(source: string, sourcefile: string): Promise<string> {
  if (broken) return Promise.reject(new Error(`compiler unavailable: ${broken}`));
  const w = ensureWorker();
  const id = ++nextId;
  return new Promise<string>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const msg: ToCompiler = { type: 'compile', id, source, sourcefile, packages: availablePackages() };
    w.postMessage(msg);
  });
}
