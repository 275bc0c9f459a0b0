import { fitCode, type CellPlacement, type CodeFit } from '../../../shared/cell-geometry.js';
import type { CellResult } from '../../../shared/types.js';
import { compileCells, type CompiledCell } from './build-cells.js';

/**
 * A cell with steps (a magic move of cells, remark-magic-move.ts) is one cell on the slide and one cell per
 * version for the build: each version after the first is compiled and recorded as a cell of its own, `<id>@<n>`,
 * so every step shows the run of the code on screen.
 */
export async function compileVersions(cells: CompiledCell[]): Promise<CompiledCell[]> {
  const props = cells.flatMap((c) =>
    versionsOf(c)
      .slice(1)
      .map((v, i) => ({ ...c.props, code: v.code, line: String(v.line), file: v.file ?? c.props.file, id: versionId(c.id, i + 1), versions: undefined, magicMove: undefined })),
  );
  return props.length === 0 ? [] : compileCells(props);
}

export function versionId(id: string, n: number): string {
  return `${id}@${n}`;
}

/** A version's code, and where it is: a line of the deck (a fenced cell), or a file of its own (<Cell steps>). */
interface VersionSource {
  code: string;
  line: number;
  file?: string;
}

function versionsOf(c: CompiledCell): VersionSource[] {
  return c.props.versions ? (JSON.parse(c.props.versions) as VersionSource[]) : [];
}

/** The versions after the first of `cell`, compiled, with their recorded runs (for renderCellHtml). */
export function cellVersions(cell: CompiledCell, compiled: CompiledCell[], recorded: Map<string, CellResult>) {
  const n = versionsOf(cell).length;
  return Array.from({ length: Math.max(0, n - 1) }, (_, i) => {
    const v = compiled.find((c) => c.id === versionId(cell.id, i + 1))!;
    return { source: v.source, js: v.js, recorded: recorded.get(v.id) ?? null };
  });
}

/** The code box is sized once for every version: the smallest size any of them needs. */
export function fitVersions(cell: CompiledCell, placement: CellPlacement): CodeFit {
  const fits = [cell.source, ...versionsOf(cell).slice(1).map((v) => v.code)].map((s) => fitCode(s, placement));
  const tightest = fits.reduce((a, b) => (b.sizePx < a.sizePx ? b : a));
  const bad = fits.find((f) => !f.fits);
  return { ...tightest, ...bad, widthEm: Math.max(...fits.map((f) => f.widthEm)), lines: Math.max(...fits.map((f) => f.lines)) };
}
