/**
 * Compiles one cell (TypeScript with top-level await) to a self-contained ES module.
 *
 * Pure: the caller hands in an esbuild instance — native `esbuild` at build time, `esbuild-wasm` in the page —
 * so only the API both share is used (`build` with `stdin`, a plugin, `write: false`).
 * The only import a cell may have is the API module `kowakunai`; it becomes a few lines that read the runtime's
 * API object from `globalThis.__kowakunai`, so the compiled module imports nothing and runs from a blob: URL.
 */
import type { BuildFailure, BuildOptions, BuildResult, Message, Plugin } from 'esbuild';
import { CELL_API_MODULE } from './types';

/** Names the `kowakunai` module exports. The runtime's API object (src/sandbox/cell-api.ts) must have all of them. */
export const CELL_API_NAMES = [
  'sleep',
  'createTask',
  'gather',
  'Semaphore',
  'toThread',
  'blockingSleep',
  'blockingGet',
  'get',
  'print',
  'now',
] as const;
export type CellApiName = (typeof CELL_API_NAMES)[number];

/** Where the runtime installs its API object before importing a compiled cell. */
export const CELL_API_GLOBAL = '__kowakunai';

/** The subset of esbuild's module both `esbuild` and `esbuild-wasm` provide. */
export interface EsbuildLike {
  build(options: BuildOptions): Promise<BuildResult>;
}

export interface CompileCellOptions {
  /** file name shown in errors and stack traces, e.g. `tasks.ts` */
  sourcefile?: string;
  /** append an inline source map (default true) so runtime errors can be mapped back to the cell's own lines */
  sourcemap?: boolean;
}

/** A syntax (or import) error, positioned in the cell's own source. */
export class CellCompileError extends Error {
  /** 1-based */
  readonly line: number;
  /** 1-based, in characters (esbuild reports bytes; converted here so Japanese text before the error counts right) */
  readonly column: number;
  readonly lineText: string;
  constructor(message: string, line: number, column: number, lineText: string) {
    super(message);
    this.name = 'CellCompileError';
    this.line = line;
    this.column = column;
    this.lineText = lineText;
  }
}

const API_NAMESPACE = 'kowakunai-api';

/** Resolves `kowakunai` to a virtual module over the runtime's global; refuses every other import. */
function cellImportsPlugin(): Plugin {
  return {
    name: 'kowakunai-cell-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.path === CELL_API_MODULE) return { path: CELL_API_MODULE, namespace: API_NAMESPACE };
        return {
          errors: [{ text: `A cell can only import from '${CELL_API_MODULE}' (not '${args.path}')` }],
        };
      });
      // One pure statement per name, so the names a cell does not import are tree-shaken away
      // (the runtime looks at the compiled JS to see whether a cell uses toThread at all).
      build.onLoad({ filter: /.*/, namespace: API_NAMESPACE }, () => ({
        contents: CELL_API_NAMES.map(
          (name) => `export const ${name} = /* @__PURE__ */ (() => globalThis.${CELL_API_GLOBAL}.${name})();`,
        ).join('\n'),
        loader: 'js',
      }));
    },
  };
}

/** esbuild reports columns in UTF-8 bytes; editors and people count characters. */
function byteColumnToCharColumn(lineText: string, byteColumn: number): number {
  const bytes = new TextEncoder().encode(lineText);
  return new TextDecoder().decode(bytes.subarray(0, byteColumn)).length;
}

function isBuildFailure(e: unknown): e is BuildFailure {
  return typeof e === 'object' && e !== null && Array.isArray((e as BuildFailure).errors);
}

function toCompileError(first: Message): CellCompileError {
  const loc = first.location;
  // esbuild names the virtual module by its namespace; say it the way the cell wrote it
  const m = /^No matching export in "[^"]*" for import "([^"]+)"$/.exec(first.text);
  const text = m ? `'${CELL_API_MODULE}' has no export named '${m[1]}'` : first.text;
  if (!loc) return new CellCompileError(text, 1, 1, '');
  return new CellCompileError(text, loc.line, byteColumnToCharColumn(loc.lineText, loc.column) + 1, loc.lineText);
}

export async function compileCell(
  esbuild: EsbuildLike,
  source: string,
  options: CompileCellOptions = {},
): Promise<{ js: string }> {
  const sourcefile = options.sourcefile ?? 'cell.ts';
  let result: BuildResult;
  try {
    result = await esbuild.build({
      stdin: { contents: source, sourcefile, loader: 'ts', resolveDir: '/' },
      // '/' in both worlds, so paths in comments and the source map are just the sourcefile
      absWorkingDir: '/',
      bundle: true,
      write: false,
      format: 'esm', // the only format that allows top-level await
      target: 'es2022',
      platform: 'neutral',
      // no tsconfig lookup on disk: the same output in Node and in the page
      tsconfigRaw: {},
      sourcemap: options.sourcemap === false ? false : 'inline',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [cellImportsPlugin()],
    });
  } catch (e) {
    if (isBuildFailure(e) && e.errors.length > 0) throw toCompileError(e.errors[0]!);
    throw e;
  }
  if (result.errors.length > 0) throw toCompileError(result.errors[0]!);
  const out = result.outputFiles?.[0];
  if (!out) throw new Error('esbuild produced no output for the cell');
  return { js: out.text };
}
