/**
 * Module worker that compiles edited cells with esbuild-wasm, off the main thread so typing and
 * slide transitions never stutter while the 14 MB wasm is compiled. Built by the lead's client
 * bundle as dist/assets/compiler-worker.js; the wasm URL comes from the page (dist/assets/esbuild.wasm).
 * `worker: false`: we already are a worker, esbuild need not start another.
 */
import * as esbuild from 'esbuild-wasm';
import { compileCell, CellCompileError } from '../../shared/cell-compile.js';
import type { CompileProblem, FromCompiler, ToCompiler } from './compiler-protocol.js';

let ready: Promise<void> | undefined;

function post(message: FromCompiler): void {
  self.postMessage(message);
}

async function start(wasmURL: string): Promise<void> {
  const t0 = performance.now();
  await esbuild.initialize({ wasmURL, worker: false });
  // The first transform is several times slower than the rest: pay for it before anyone waits.
  await compileCell(esbuild, 'const warm: number = await Promise.resolve(1);\nexport default warm;\n', { sourcefile: 'warm.ts' });
  post({ type: 'warm', ms: Math.round(performance.now() - t0) });
}

function problemOf(error: unknown): CompileProblem {
  if (error instanceof CellCompileError) {
    return { message: error.message, line: error.line, column: error.column, lineText: error.lineText };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

self.onmessage = async (event: MessageEvent<ToCompiler>) => {
  const msg = event.data;
  if (msg.type === 'init') {
    ready ??= start(msg.wasmURL).catch((error: unknown) => {
      post({ type: 'broken', message: error instanceof Error ? error.message : String(error) });
      throw error;
    });
    return;
  }
  try {
    if (!ready) throw new Error('compiler used before init');
    await ready;
    const { js } = await compileCell(esbuild, msg.source, { sourcefile: msg.sourcefile, packages: msg.packages });
    post({ type: 'compiled', id: msg.id, js });
  } catch (error) {
    post({ type: 'failed', id: msg.id, problem: problemOf(error) });
  }
};
