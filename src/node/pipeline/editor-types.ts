/**
 * The files the editor's type checker (src/page/cells/types-worker.ts) reads, as JSON path → text: TypeScript's
 * standard library for a worker (where cells run) with kowakunai's API (dist/assets/ts-lib.json, once per site),
 * and per deck the .d.ts files of the packages its build bundled (dist/assets/packages/types-<hash>.json).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageName } from '../../shared/cell-compile.js';
import type { PackageBundle } from './cells/packages.js';

const require = createRequire(import.meta.url);
/** the libraries a cell sees: the language (ES2022) and a worker's globals (console, fetch, timers) */
const ROOT_LIBS = ['es2022', 'webworker'];
/** a package's types beyond this are left out: the checker then says it cannot find them, rather than hang */
const MAX_TYPES_BYTES = 4 * 1024 * 1024;

export async function editorTypeLib(): Promise<Record<string, string>> {
  const dir = dirname(require.resolve('typescript-5/lib/lib.d.ts'));
  const out: Record<string, string> = {};
  const add = (name: string): void => {
    const file = `lib.${name.toLowerCase()}.d.ts`;
    if (out[`/lib/${file}`] !== undefined || !existsSync(join(dir, file))) return;
    const text = readFileSync(join(dir, file), 'utf8');
    out[`/lib/${file}`] = text;
    for (const m of text.matchAll(/\/\/\/\s*<reference\s+lib="([^"]+)"/g)) add(m[1]!);
  };
  ROOT_LIBS.forEach(add);
  out['/ambient/kowakunai.d.ts'] = readFileSync(fileURLToPath(new URL('../../sandbox/kowakunai.d.ts', import.meta.url)), 'utf8');
  return out;
}

/** The .d.ts files (and package.json) of each bundled package, under /node_modules/<name>/ as the checker resolves them. */
export function packageTypes(bundles: PackageBundle[], deckDir: string): { json: string; file: string } | null {
  const out: Record<string, string> = {};
  let bytes = 0;
  const names = [...new Set(bundles.map((b) => packageName(b.specifier)))];
  for (const name of names) {
    for (const pkg of [name, `@types/${name.replace(/^@([^/]+)\//, '$1__')}`]) {
      const dir = installed(pkg, deckDir);
      if (!dir) continue;
      out[`/node_modules/${pkg}/package.json`] = readFileSync(join(dir, 'package.json'), 'utf8');
      for (const f of declarationFiles(dir)) {
        const text = readFileSync(f, 'utf8');
        bytes += text.length;
        if (bytes > MAX_TYPES_BYTES) break;
        out[`/node_modules/${pkg}/${relative(dir, f).split(sep).join('/')}`] = text;
      }
    }
  }
  if (Object.keys(out).length === 0) return null;
  const json = JSON.stringify(out);
  const hash = createHash('sha256').update(json).digest('hex').slice(0, 12);
  return { json, file: `assets/packages/types-${hash}.json` };
}

function installed(name: string, from: string): string | null {
  for (let d = from; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules', name, 'package.json'))) return join(d, 'node_modules', name);
    if (dirname(d) === d) return null;
  }
}

function declarationFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile() && /\.d\.(ts|mts|cts)$/.test(e.name))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .filter((f) => !relative(dir, f).split(sep).includes('node_modules'));
}
