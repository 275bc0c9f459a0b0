/**
 * npm packages in cells: each package a deck's cells import (or its frontmatter names, `packages: [date-fns]`) is
 * bundled once for the browser — ESM, browser conditions, minified, self-contained, content-hashed — from the
 * node_modules beside the deck. The page hands the bundle to the sandbox, the recorder imports the same text: a
 * package runs where cell code runs, with no more reach than it, and nothing is fetched from another host.
 *
 * A package that cannot work there is refused here, with what to do: not installed, Node-only, needing Node's
 * globals or modules, loading modules at run time (CommonJS `require(variable)`), or over the size limit.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { packageName } from '../../../shared/cell-compile.js';

/** Default cap on one package's bundle, gzipped; a deck's frontmatter `packageSizeLimit` (KB) changes it. */
export const DEFAULT_PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

export interface PackageBundle {
  specifier: string;
  /** the ES module: its default export is the package's namespace */
  code: string;
  /** sha-256 of the code, hex */
  hash: string;
  /** where the site serves it, relative to dist/ */
  file: string;
  gzipBytes: number;
}

/** A package that cannot be used in a cell; the message names it and says what to do. Positioned by the caller. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));
/** Names a browser does not have; a bundle that reads one without first asking `typeof x` needs Node. */
const NODE_GLOBALS = ['process', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate'] as const;
const sentinel = (name: string): string => `__kowakunai_node_global_${name}__`;

export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!);
}

/** The folder of the package.json nearest above `dir` (where `npm install` must run), else `dir`. */
export function projectDir(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) return dir;
  }
}

/** The installed package's package.json, as Node would find it from `dir`, or null. */
function installedPackage(name: string, dir: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    const file = join(d, 'node_modules', name, 'package.json');
    if (existsSync(file)) return file;
    if (dirname(d) === d) return null;
  }
}

const memo = new Map<string, Promise<PackageBundle>>();

/**
 * One package's bundle, as seen from the deck's folder. Kept in memory by the installed package's identity
 * (its package.json's path and text), so the dev server's rebuilds and decks sharing a package bundle it once.
 */
export function bundlePackage(specifier: string, deckDir: string, limitBytes = DEFAULT_PACKAGE_LIMIT_BYTES): Promise<PackageBundle> {
  const name = packageName(specifier);
  const where = relative(process.cwd(), projectDir(deckDir)) || '.';
  const install = `npm install ${name}${where === '.' ? '' : ` (in ${where})`}`;
  if (isNodeBuiltin(specifier)) {
    return Promise.reject(
      new PackageError(`'${specifier}' is a Node-only module: cells run in the browser's sandbox, which has no files, processes or sockets; use the kowakunai API (sleep, get, toThread …) or a browser package`),
    );
  }
  const pkgJson = installedPackage(name, deckDir);
  if (!pkgJson) return Promise.reject(new PackageError(`package '${name}' is not installed beside the deck: run ${install}`));
  const key = `${pkgJson}\0${readFileSync(pkgJson, 'utf8')}\0${specifier}\0${limitBytes}`;
  let p = memo.get(key);
  if (!p) {
    p = bundle(specifier, name, deckDir, limitBytes);
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

async function bundle(specifier: string, name: string, deckDir: string, limitBytes: number): Promise<PackageBundle> {
  let result: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[] };
  try {
    result = await esbuild.build({
      // the namespace as the default export: the cell's rewritten import reads default and named exports off it
      stdin: { contents: `import * as ns from ${JSON.stringify(specifier)};\nexport default ns;\n`, resolveDir: deckDir, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      conditions: ['browser', 'import', 'module', 'default'],
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
      define: {
        'process.env.NODE_ENV': '"production"',
        ...Object.fromEntries(NODE_GLOBALS.map((g) => [g, sentinel(g)])),
      },
    });
  } catch (e) {
    throw new PackageError(explainFailure(specifier, name, e));
  }
  const dynamic = result.warnings.find((w) => /will not be bundled|cannot be bundled/i.test(w.text));
  if (dynamic) throw new PackageError(loadsAtRunTime(name, dynamic));
  const code = result.outputFiles[0]!.text;
  // esbuild's stand-in for a require() it could not follow: it throws the moment the package calls it
  if (code.includes('Dynamic require of "')) throw new PackageError(loadsAtRunTime(name, { text: 'require() of a name known only at run time' }));
  const needs = NODE_GLOBALS.filter((g) => code.includes(sentinel(g)) && !new RegExp(`typeof ${sentinel(g)}`).test(code));
  if (needs.length > 0) {
    throw new PackageError(
      `package '${name}' needs Node's ${needs.map((g) => `'${g}'`).join(', ')}, which the browser does not have: its browser build is missing or incomplete — use a package made for the browser`,
    );
  }
  const gzipBytes = gzipSync(code).length;
  if (gzipBytes > limitBytes) {
    throw new PackageError(
      `package '${name}' is ${kb(gzipBytes)} gzipped, over the limit of ${kb(limitBytes)} for one package: import a smaller entry point (e.g. '${name}/…'), or raise the deck's frontmatter packageSizeLimit (in KB)`,
    );
  }
  const hash = createHash('sha256').update(code).digest('hex');
  const safe = specifier.replace(/^@/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  return { specifier, code, hash, file: `assets/packages/${safe}-${hash.slice(0, 12)}.js`, gzipBytes };
}

function explainFailure(specifier: string, name: string, e: unknown): string {
  const errors = (e as esbuild.BuildFailure).errors ?? [];
  const first = errors[0];
  if (!first) return `package '${name}' could not be bundled: ${e instanceof Error ? e.message : String(e)}`;
  if (/^Could not resolve require\(/.test(first.text)) return loadsAtRunTime(name, first);
  const missing = /^Could not resolve "([^"]+)"/.exec(first.text)?.[1];
  if (missing && isNodeBuiltin(missing)) {
    return `package '${name}' needs Node's '${missing}' module (${where(first)}), which the browser does not have: it has no browser build — use a package made for the browser`;
  }
  if (missing === specifier) return `'${specifier}' is not something package '${name}' exports: check the path after the package name`;
  return `package '${name}' could not be bundled for the browser: ${first.text}${first.location ? ` (${where(first)})` : ''}`;
}

const loadsAtRunTime = (name: string, m: Pick<esbuild.Message, 'text'> & Partial<esbuild.Message>): string =>
  `package '${name}' cannot be bundled for the browser: it loads modules at run time (${where(m)}: ${m.text}); this is CommonJS that only Node can run — use a package with an ES module or browser build`;

const where = (m: Partial<esbuild.Message>): string => (m.location ? `${m.location.file}:${m.location.line}` : 'in its code');
const kb = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);
