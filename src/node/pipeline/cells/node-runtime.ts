/**
 * Bundles the Node entries of the cell runtime (record-worker, node-pool-worker) into plain .mjs files under the
 * cache directory. Worker threads then start from JavaScript, without a TypeScript loader: measured, a bundled
 * worker starts in a few tens of ms, while `execArgv: ['--import', 'tsx']` costs a loader start-up in every thread.
 * Files are named by content hash and written atomically, so parallel processes (test files, a build) can share them.
 */
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../../atomic-write.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, PACKAGED, prebuilt, REPO_ROOT } from '../../paths.js';

export interface NodeRuntimeFiles {
  recordWorkerFile: string;
  poolWorkerFile: string;
  slowApiThreadFile: string;
}

/** Resolved when asked: the CLI may move the cache after this module loaded. */
export const defaultCellCache = (): string => path.join(cacheDir(), 'cells');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const built = new Map<string, Promise<NodeRuntimeFiles>>();

export async function buildNodeRuntime(dir: string): Promise<NodeRuntimeFiles> {
  const result = await esbuild.build({
    entryPoints: {
      'record-worker': path.join(HERE, 'record-worker.ts'),
      'pool-worker': path.join(HERE, 'node-pool-worker.ts'),
      'slow-api-thread': path.join(HERE, 'slow-api-thread.ts'),
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    // the bundle's path comments relative to the repository, whatever the working directory: its content hash
    // is part of every recording's key, and recordings are committed (recordings-file.ts)
    absWorkingDir: REPO_ROOT,
    logLevel: 'silent',
  });
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const out of result.outputFiles) {
    const name = path.basename(out.path, '.mjs');
    const hash = createHash('sha256').update(out.contents).digest('hex').slice(0, 12);
    const file = path.join(dir, `${name}-${hash}.mjs`);
    if (!existsSync(file)) await writeFileAtomic(file, out.contents);
    files[name] = file;
  }
  return {
    recordWorkerFile: files['record-worker']!,
    poolWorkerFile: files['pool-worker']!,
    slowApiThreadFile: files['slow-api-thread']!,
  };
}

/** Bundles once per process and cache directory. */
export function ensureNodeRuntime(cells: string = defaultCellCache()): Promise<NodeRuntimeFiles> {
  // installed: bundled at pack time (same names, same content hashes, so recordings key the same)
  const dir = PACKAGED ? prebuilt('runtime') : path.join(path.resolve(cells), 'runtime');
  let p = built.get(dir);
  if (!p) {
    p = PACKAGED ? Promise.resolve(prebuiltRuntime(dir)) : buildNodeRuntime(dir);
    built.set(dir, p);
    p.catch(() => built.delete(dir));
  }
  return p;
}

/** The runtime bundled by scripts/prepack.ts: <dir>/runtime.json names the three files. */
function prebuiltRuntime(dir: string): NodeRuntimeFiles {
  const names = JSON.parse(readFileSync(path.join(dir, 'runtime.json'), 'utf8')) as Record<keyof NodeRuntimeFiles, string>;
  return {
    recordWorkerFile: path.join(dir, names.recordWorkerFile),
    poolWorkerFile: path.join(dir, names.poolWorkerFile),
    slowApiThreadFile: path.join(dir, names.slowApiThreadFile),
  };
}
