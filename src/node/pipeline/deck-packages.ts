/**
 * A deck's npm packages as a whole: what its cells import plus what its frontmatter names (`packages: [date-fns]`,
 * for cells edited in the page), each bundled once (cells/packages.ts), written to dist/assets/packages/ and listed
 * in the page (a JSON script: specifier → URL) so the page can hand them to the sandbox. Also the check of the
 * frontmatter's `pyodide:` list against the installed Pyodide distribution.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DeckMeta } from '../../shared/types.js';
import type { CompiledCell } from './cells/build-cells.js';
import { bundlePackage, DEFAULT_PACKAGE_LIMIT_BYTES, PackageError, type PackageBundle } from './cells/packages.js';
import { BuildError, BuildErrorList } from './errors.js';
import { fieldLine } from './frontmatter.js';
import { PYODIDE_LOCK, pyodideDir } from './pyodide-assets.js';

/** The attribute of the page's package list (read by src/page/cells/packages.ts). */
export const PACKAGES_SCRIPT_ATTR = 'data-kowakunai-packages';

export const packageLimitBytes = (meta: DeckMeta): number =>
  meta.packageSizeLimit === undefined ? DEFAULT_PACKAGE_LIMIT_BYTES : Math.round(meta.packageSizeLimit * 1024);

/** Every package of the deck, once each: its cells' imports, then the frontmatter's list. */
export async function deckPackages(deckFile: string, meta: DeckMeta, cells: CompiledCell[]): Promise<PackageBundle[]> {
  const bySpecifier = new Map<string, PackageBundle>();
  for (const c of cells) for (const p of c.packages ?? []) bySpecifier.set(p.specifier, p);
  const named = (meta.packages ?? []).filter((s) => !bySpecifier.has(s));
  if (named.length > 0) {
    const source = readFileSync(deckFile, 'utf8');
    const settled = await Promise.allSettled(named.map((s) => bundlePackage(s, dirname(deckFile), packageLimitBytes(meta))));
    const problems = settled.flatMap((r) => {
      if (r.status === 'fulfilled') return [];
      if (!(r.reason instanceof PackageError)) throw r.reason;
      return [new BuildError(`frontmatter "packages": ${r.reason.message}`, deckFile, fieldLine(source, 'packages'), 1)];
    });
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new BuildErrorList(problems);
    for (const r of settled) bySpecifier.set((r as PromiseFulfilledResult<PackageBundle>).value.specifier, (r as PromiseFulfilledResult<PackageBundle>).value);
  }
  return [...bySpecifier.values()];
}

/** The page's list of packages: specifier → where to get the bundle (a URL relative to the page, or a data: URL). */
export function packagesScript(bundles: PackageBundle[], urlOf: (b: PackageBundle) => string, typesUrl?: string): string {
  if (bundles.length === 0) return '';
  const list = Object.fromEntries(bundles.map((b) => [b.specifier, urlOf(b)]));
  // data-types: the packages' .d.ts files, for the editor's type checker (src/page/cells/type-aware.ts)
  const types = typesUrl ? ` data-types="${typesUrl}"` : '';
  return `<script type="application/json" ${PACKAGES_SCRIPT_ATTR}${types}>${JSON.stringify(list).replace(/</g, '\\u003c')}</script>`;
}

/** Writes the bundles under dist/; returns the files written, relative to it. */
export async function writePackages(outDir: string, bundles: PackageBundle[], types?: { json: string; file: string } | null): Promise<string[]> {
  if (bundles.length === 0) return [];
  await mkdir(join(outDir, 'assets', 'packages'), { recursive: true });
  await Promise.all(bundles.map((b) => writeFile(join(outDir, b.file), b.code)));
  if (types) await writeFile(join(outDir, types.file), types.json);
  return [...bundles.map((b) => b.file), ...(types ? [types.file] : [])];
}

/**
 * The frontmatter's `pyodide: [numpy]`. The npm `pyodide` package ships only the core (no wheels): a package listed
 * there is refused with what is missing, rather than fetched from Pyodide's CDN at run time.
 */
export function checkPyodidePackages(deckFile: string, meta: DeckMeta): void {
  if (!meta.pyodide?.length) return;
  const dir = pyodideDir();
  const lock = JSON.parse(readFileSync(join(dir, PYODIDE_LOCK), 'utf8')) as { packages: Record<string, { file_name: string }> };
  const line = fieldLine(readFileSync(deckFile, 'utf8'), 'pyodide');
  const problems = meta.pyodide.map((name) => {
    const entry = lock.packages[name.toLowerCase()];
    if (!entry) return new BuildError(`frontmatter "pyodide": '${name}' is not a package Pyodide ships (see node_modules/pyodide/pyodide-lock.json)`, deckFile, line, 1);
    if (!existsSync(join(dir, entry.file_name))) {
      return new BuildError(
        `frontmatter "pyodide": '${name}' is not in the installed Pyodide distribution: node_modules/pyodide has only the core, not ${entry.file_name}; kowakunai never fetches it from a CDN — copy the wheel (and its dependencies) from Pyodide's full release into node_modules/pyodide, or drop '${name}'`,
        deckFile,
        line,
        1,
      );
    }
    return new BuildError(`frontmatter "pyodide": '${name}' is installed, but loading Pyodide packages in cells is not supported yet`, deckFile, line, 1);
  });
  if (problems.length === 1) throw problems[0];
  throw new BuildErrorList(problems);
}
