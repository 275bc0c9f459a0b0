/** Messages between compiler.ts (page) and compiler-worker.ts. Types only. */

export interface CompileProblem {
  message: string;
  /** 1-based, in the cell's own source */
  line?: number;
  /** 1-based */
  column?: number;
  lineText?: string;
}

export type ToCompiler =
  | { type: 'init'; wasmURL: string }
  | { type: 'compile'; id: number; source: string; sourcefile: string; packages: string[] };

export type FromCompiler =
  | { type: 'warm'; ms: number }
  | { type: 'compiled'; id: number; js: string }
  | { type: 'failed'; id: number; problem: CompileProblem }
  /** esbuild-wasm itself could not start (wasm missing, wrong MIME type …) */
  | { type: 'broken'; message: string };
