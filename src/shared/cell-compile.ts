/**
 * Compiles one cell (TypeScript with top-level await) to a self-contained ES module.
 *
 * Pure: the caller hands in an esbuild instance — native `esbuild` at build time, `esbuild-wasm` in the page —
 * so only the API both share is used (`build` with `stdin`, a plugin, `write: false`).
 * An import of the API module `kowakunai` becomes a few lines that read the runtime's API object from
 * `globalThis.__kowakunai`; an import of an npm package reads the package's module, which the runtime loaded
 * before the cell from the bundle the build made (globalThis.__kowakunaiPackages). The compiled module imports
 * nothing and runs from a blob: URL.
 */
import type { Message, TransformFailure, TransformOptions, TransformResult } from 'esbuild';
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

/** Where the runtime puts the namespace of each npm package a cell imports, keyed by the import's specifier. */
export const CELL_PACKAGES_GLOBAL = '__kowakunaiPackages';

/** An import of an npm package in a cell, where the author wrote it. */
export interface PackageImport {
  specifier: string;
  /** 1-based, in the cell's own source */
  line: number;
  column: number;
}

/** The subset of esbuild's module both `esbuild` and `esbuild-wasm` provide. */
export interface EsbuildLike {
  transform(input: string, options: TransformOptions): Promise<TransformResult>;
}

export interface CompileCellOptions {
  /** file name shown in errors and stack traces, e.g. `tasks.ts` */
  sourcefile?: string;
  /** append an inline source map (default true) so runtime errors can be mapped back to the cell's own lines */
  sourcemap?: boolean;
  /**
   * the npm packages the cell may import (the page: what the deck's build bundled); omitted, any package may be
   * imported and the caller checks each one (the build resolves them beside the deck)
   */
  packages?: readonly string[];
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

/** esbuild reports columns in UTF-8 bytes; editors and people count characters. */
function byteColumnToCharColumn(lineText: string, byteColumn: number): number {
  const bytes = new TextEncoder().encode(lineText);
  return new TextDecoder().decode(bytes.subarray(0, byteColumn)).length;
}

function isTransformFailure(e: unknown): e is TransformFailure {
  return typeof e === 'object' && e !== null && Array.isArray((e as TransformFailure).errors);
}

function toCompileError(first: Message): CellCompileError {
  const loc = first.location;
  // esbuild names the virtual module by its namespace; say it the way the cell wrote it
  const m = /^No matching export in "[^"]*" for import "([^"]+)"$/.exec(first.text);
  const text = m ? `'${CELL_API_MODULE}' has no export named '${m[1]}'` : first.text;
  if (!loc) return new CellCompileError(text, 1, 1, '');
  return new CellCompileError(text, loc.line, byteColumnToCharColumn(loc.lineText, loc.column) + 1, loc.lineText);
}

/** Where `needle` first appears in the cell's source, as a 1-based line and column (for import errors). */
function positionOf(source: string, needle: string): { line: number; column: number; lineText: string } {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i]!.indexOf(needle);
    if (at >= 0) return { line: i + 1, column: at + 1, lineText: lines[i]! };
  }
  return { line: 1, column: 1, lineText: lines[0] ?? '' };
}

/**
 * esbuild prints every static import of its output in a canonical shape (kept on several lines when the
 * source had them so). Those imports are rewritten in place to read the runtime's API object, keeping
 * every line break, so the source map still holds.
 */
const IMPORT_STATEMENT = /^(import|export)\s*([^;"]*?)\s*from\s*"([^"]*)";$|^import\s*"([^"]*)";$/gm;

function linkImports(js: string, source: string, options: CompileCellOptions, found: PackageImport[]): string {
  return js.replace(IMPORT_STATEMENT, (_all, keyword: string | undefined, clause: string | undefined, from: string | undefined, bare: string | undefined) => {
    const path = from ?? bare ?? '';
    if (path !== CELL_API_MODULE && keyword !== 'export' && !isRelative(path)) return linkPackage(path, clause, source, options, found);
    if (path !== CELL_API_MODULE || keyword === 'export' || bare !== undefined) {
      const at = positionOf(source, path);
      throw new CellCompileError(`A cell can only import from '${CELL_API_MODULE}' and npm packages (not '${path}')`, at.line, at.column, at.lineText);
    }
    const namespace = /^\*\s+as\s+([\w$]+)$/.exec(clause!);
    if (namespace) return `const ${namespace[1]} = globalThis.${CELL_API_GLOBAL};`;
    if (!clause!.startsWith('{')) {
      const at = positionOf(source, 'import');
      throw new CellCompileError(`'${CELL_API_MODULE}' has no default export: import { … } from '${CELL_API_MODULE}'`, at.line, at.column, at.lineText);
    }
    // `{ a, b as c }` → `{ a, b: c }`, each specifier where it stood
    const bindings = clause!.replace(/([\w$]+)(\s+as\s+([\w$]+))?/g, (_m, name: string, _as, local: string | undefined) => {
      if (!(CELL_API_NAMES as readonly string[]).includes(name)) {
        const at = positionOf(source, name);
        throw new CellCompileError(`'${CELL_API_MODULE}' has no export named '${name}'`, at.line, at.column, at.lineText);
      }
      return local ? `${name}: ${local}` : name;
    });
    return `const ${bindings} = globalThis.${CELL_API_GLOBAL};`;
  });
}

const isRelative = (path: string): boolean => /^(\.{0,2}\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(path) && !path.startsWith('node:');

/** `import pLimit, { limitFunction as lf } from 'p-limit'` → `const { default: pLimit, limitFunction: lf } = …;` */
function linkPackage(path: string, clause: string | undefined, source: string, options: CompileCellOptions, found: PackageImport[]): string {
  const at = positionOf(source, path);
  if (options.packages && path.startsWith('node:')) {
    throw new CellCompileError(`'${path}' is a Node-only module: cells run in the browser's sandbox`, at.line, at.column, at.lineText);
  }
  if (options.packages && !options.packages.includes(path)) {
    const name = packageName(path);
    throw new CellCompileError(
      `'${path}' is not available in this deck: install it beside the deck (npm install ${name}), name it in the deck's frontmatter (packages: [${path}]) and build again`,
      at.line,
      at.column,
      at.lineText,
    );
  }
  if (!found.some((f) => f.specifier === path)) found.push({ specifier: path, line: at.line, column: at.column });
  const module = `globalThis.${CELL_PACKAGES_GLOBAL}[${JSON.stringify(path)}]`;
  if (clause === undefined) return `${module};`; // a side-effect import: loaded before the cell all the same
  const parts: string[] = [];
  let rest = clause.trim();
  const namespace = /^(?:([\w$]+)\s*,\s*)?\*\s+as\s+([\w$]+)$/.exec(rest);
  if (namespace) {
    return (namespace[1] ? `const { default: ${namespace[1]} } = ${module}; ` : '') + `const ${namespace[2]} = ${module};`;
  }
  const head = /^([\w$]+)\s*(,|$)/.exec(rest);
  if (head) {
    parts.push(`default: ${head[1]}`);
    rest = rest.slice(head[0].length).trim();
  }
  // the braces' contents keep their line breaks: the source map still holds
  const named = /^\{([\s\S]*)\}$/.exec(rest);
  if (named) {
    const inner = named[1]!.replace(/([\w$]+)\s+as\s+([\w$]+)/g, '$1: $2').replace(/,(\s*)$/, '$1');
    parts.push(inner.includes('\n') ? inner : inner.trim());
  }
  return `const { ${parts.filter(Boolean).join(', ')} } = ${module};`;
}

/** `@scope/name/sub` → `@scope/name`, `p-limit/x` → `p-limit`: what `npm install` takes. */
export function packageName(specifier: string): string {
  const parts = specifier.replace(/^node:/, '').split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The packages a compiled cell reads (what the runtime must load before it). */
export function packagesOf(js: string): string[] {
  const re = new RegExp(`globalThis\\.${CELL_PACKAGES_GLOBAL}\\[("(?:[^"\\\\]|\\\\.)*")\\]`, 'g');
  return [...new Set([...js.matchAll(re)].map((m) => JSON.parse(m[1]!) as string))];
}

/**
 * TypeScript → an ES module (top-level await allowed) whose imports of `kowakunai` read the runtime's
 * API object, and imports of npm packages read their preloaded modules. A transform, not a bundle: packages are
 * bundled once each, for every cell, and a transform is about twice as fast in the page's esbuild-wasm.
 */
export async function compileCell(
  esbuild: EsbuildLike,
  source: string,
  options: CompileCellOptions = {},
): Promise<{ js: string; packages: PackageImport[] }> {
  const sourcefile = options.sourcefile ?? 'cell.ts';
  let result: TransformResult;
  try {
    result = await esbuild.transform(source, {
      sourcefile,
      loader: 'ts',
      format: 'esm', // the only format that allows top-level await
      target: 'es2022',
      platform: 'neutral',
      // no tsconfig lookup on disk: the same output in Node and in the page
      tsconfigRaw: {},
      sourcemap: options.sourcemap === false ? false : 'inline',
      sourcesContent: false,
      // Japanese strings as they are, not as \uXXXX escapes: half the bytes in the page, and gzip finds them in the source
      charset: 'utf8',
      logLevel: 'silent',
    });
  } catch (e) {
    if (isTransformFailure(e) && e.errors.length > 0) throw toCompileError(e.errors[0]!);
    throw e;
  }
  const packages: PackageImport[] = [];
  const js = linkImports(result.code, source, options, packages);
  return { js, packages };
}

const INLINE_MAP = /\n\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

/**
 * Takes a compiled cell's inline source map off its end, as a plain object. The page's copy of a cell ships
 * the map as JSON rather than as base64 (a third smaller, and it compresses), and puts it back with
 * withInlineSourceMap before the cell runs: the runtime reads maps only from the end of the module.
 */
export function withoutInlineSourceMap(js: string): { js: string; sourceMap?: object } {
  const m = INLINE_MAP.exec(js);
  if (!m) return { js };
  const bytes = Uint8Array.from(atob(m[1]!), (c) => c.charCodeAt(0));
  return { js: js.slice(0, m.index), sourceMap: JSON.parse(new TextDecoder().decode(bytes)) as object };
}

export function withInlineSourceMap(js: string, sourceMap: object | undefined): string {
  if (!sourceMap) return js;
  const bytes = new TextEncoder().encode(JSON.stringify(sourceMap));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `${js}\n//# sourceMappingURL=data:application/json;base64,${btoa(binary)}\n`;
}
