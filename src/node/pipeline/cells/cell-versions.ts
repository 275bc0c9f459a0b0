import { fitCode, type CellPlacement, type CodeFit } from '../../../shared/cell-geometry.js';
import type { CellResult, CellVersion } from '../../../shared/types.js';
import { cellIds, compileCells, type CompiledCell } from './build-cells.js';

/** A version's code, and where it is: a line of the deck (a fenced cell), or a file of its own (<Cell steps>). */
interface VersionSource {
  code: string;
  line: number;
  file?: string;
  /** <Cell steps>: the file as the deck names it */
  src?: string;
}

function versionsOf(c: CompiledCell): VersionSource[] {
  return c.props.versions ? (JSON.parse(c.props.versions) as VersionSource[]) : [];
}

/**
 * A cell with steps (a magic move of cells, remark-magic-move.ts) is one cell on the slide and one cell per
 * version for the build: each version after the first is compiled and recorded as a cell of its own, so every
 * step shows the run of the code on screen. Its id is the one it would have alone (`tasks-py` for
 * <Cell steps="tasks.py">), or `<id>@<n>` for a fenced version: the id names its recording and its saved edits.
 * Returns every cell's later versions, in order.
 */
export async function compileVersions(cells: CompiledCell[]): Promise<Map<CompiledCell, CompiledCell[]>> {
  const owners: CompiledCell[] = [];
  const props = cells.flatMap((c) =>
    versionsOf(c)
      .slice(1)
      .map((v, i) => {
        owners.push(c);
        return { ...c.props, code: v.code, line: String(v.line), file: v.file ?? c.props.file, src: v.src, id: v.src ? undefined : `${c.id}@${i + 1}`, versions: undefined, magicMove: undefined };
      }),
  );
  const byCell = new Map<CompiledCell, CompiledCell[]>();
  if (props.length === 0) return byCell;
  // named after the deck's cells, so that a version never takes an id a cell has
  const ids = cellIds([...cells.map((c) => c.props), ...props]).slice(cells.length);
  const compiled = await compileCells(props.map((p, i) => ({ ...p, id: ids[i] })));
  compiled.forEach((v, i) => byCell.set(owners[i], [...(byCell.get(owners[i]) ?? []), v]));
  return byCell;
}

/** The later versions of a cell as its payload carries them: what each runs, and its recorded run. */
export function cellVersions(versions: CompiledCell[], recorded: Map<string, CellResult>): CellVersion[] {
  return versions.map((v) => ({ id: v.id, source: v.source, js: v.js, recorded: recorded.get(v.id) ?? null }));
}

/** The code box is sized once for every version: the smallest size any of them needs, the widest line. */
export function fitVersions(cell: CompiledCell, placement: CellPlacement): CodeFit {
  const fits = [cell.source, ...versionsOf(cell).slice(1).map((v) => v.code)].map((s) => fitCode(s, placement));
  const tightest = fits.reduce((a, b) => (b.sizePx < a.sizePx ? b : a));
  const bad = fits.find((f) => !f.fits);
  return { ...tightest, ...bad, widthEm: Math.max(...fits.map((f) => f.widthEm)), lines: Math.max(...fits.map((f) => f.lines)) };
}
