import { basename, extname, relative, sep } from 'node:path';
import * as esbuild from 'esbuild';
import { compileCell, CellCompileError } from '../../../shared/cell-compile.js';
import { DEFAULT_TIME_LIMIT_MS, type CellLang, type CellResult } from '../../../shared/types.js';
import type { CellProps } from '../components.js';
import { BuildError, BuildErrorList } from '../errors.js';
import { bundlePackage, PackageError, type PackageBundle } from './packages.js';

export interface CompiledCell {
  id: string;
  title?: string;
  /** 'python' runs on Pyodide; its `js` is the Python source itself (nothing to compile) */
  lang: CellLang;
  source: string;
  js: string;
  timeLimitMs: number;
  props: CellProps;
  /** the npm packages it imports, bundled (empty for most cells) */
  packages?: PackageBundle[];
}

export interface CompileCellsOptions {
  /** where the deck's packages are resolved from (its folder); default the working directory */
  deckDir?: string;
  /** one package's gzipped size limit */
  packageLimitBytes?: number;
}

/** A stable id per deck: the explicit id, the source file's name, the title, else its position. */
export function cellIds(cells: CellProps[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    // a Python file gets "-py": demos keep a TypeScript x.ts and a Python x.py side by side
    const fromSrc = (src: string): string => basename(src, extname(src)) + (/\.py$/i.test(src) ? '-py' : '');
    const base =
      c.id ?? (c.src ? fromSrc(c.src) : c.title ? slug(c.title) : '') ?? '';
    const id = base || `cell-${i + 1}`;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}-${n}`;
  });
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Compiles every cell of a deck with esbuild. A syntax error fails the build at the line and
 * column in the file the author edits: the deck for a fenced cell, the cell file for <Cell src>.
 */
export async function compileCells(cells: CellProps[], opts: CompileCellsOptions = {}): Promise<CompiledCell[]> {
  const ids = cellIds(cells);
  return Promise.all(
    cells.map(async (props, i) => {
      const firstLine = Number(props.line) || 1;
      const lang: CellLang = (props as CellProps & { lang?: string }).lang === 'python' ? 'python' : 'ts';
      const limit = props.timeLimit === undefined ? NaN : Number(props.timeLimit) * 1000;
      const timeLimitMs = Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_TIME_LIMIT_MS;
      // Python is not compiled at build time: its errors show when it runs (at recording, and in the page)
      if (lang === 'python') return { id: ids[i], title: props.title, lang, source: props.code, js: props.code, timeLimitMs, props, packages: [] };
      try {
        // the name stack traces show: the file as the author knows it, never this machine's absolute path
        const sourcefile = relative(process.cwd(), props.file).split(sep).join('/');
        const { js, packages: imports } = await compileCell(esbuild, props.code, { sourcefile });
        const settled = await Promise.allSettled(imports.map((p) => bundlePackage(p.specifier, opts.deckDir ?? process.cwd(), opts.packageLimitBytes)));
        const problems = settled.flatMap((r, k) => {
          if (r.status === 'fulfilled') return [];
          if (!(r.reason instanceof PackageError)) throw r.reason;
          return [new BuildError(`cell "${ids[i]}": ${r.reason.message}`, props.file, firstLine + imports[k]!.line - 1, imports[k]!.column)];
        });
        if (problems.length === 1) throw problems[0];
        if (problems.length > 1) throw new BuildErrorList(problems);
        const packages = settled.map((r) => (r as PromiseFulfilledResult<PackageBundle>).value);
        return { id: ids[i], title: props.title, lang, source: props.code, js, timeLimitMs, props, packages };
      } catch (error) {
        if (error instanceof CellCompileError) {
          const usedIn = props.usedIn ? ` (cell used in ${props.usedIn})` : '';
          throw new BuildError(`cell "${ids[i]}": ${error.message}${usedIn}`, props.file, firstLine + error.line - 1, error.column);
        }
        throw error;
      }
    }),
  );
}

export type RecordedCells = Map<string, CellResult>;
