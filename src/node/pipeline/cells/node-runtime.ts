/**
 * Bundles the Node entries of the cell runtime (record-worker, node-pool-worker) into plain .mjs files under the
 * cache directory. Worker threads then start from JavaScript, without a TypeScript loader: measured, a bundled
 * worker starts in a few tens of ms, while `execArgv: ['--import', 'tsx']` costs a loader start-up in every thread.
 * Files are named by content hash and written atomically, so parallel processes (test files, a build) can share them.
 */
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NodeRuntimeFiles {
  recordWorkerFile: string;
  poolWorkerFile: string;
  slowApiThreadFile: string;
}

export const DEFAULT_CACHE_DIR = path.resolve('.cache/cells');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const built = new Map<string, Promise<NodeRuntimeFiles>>();

async function build(dir: string): Promise<NodeRuntimeFiles> {
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
    logLevel: 'silent',
  });
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const out of result.outputFiles) {
    const name = path.basename(out.path, '.mjs');
    const hash = createHash('sha256').update(out.contents).digest('hex').slice(0, 12);
    const file = path.join(dir, `${name}-${hash}.mjs`);
    if (!existsSync(file)) {
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, out.contents);
      await rename(tmp, file);
    }
    files[name] = file;
  }
  return {
    recordWorkerFile: files['record-worker']!,
    poolWorkerFile: files['pool-worker']!,
    slowApiThreadFile: files['slow-api-thread']!,
  };
}

/** Bundles once per process and cache directory. */
export function ensureNodeRuntime(cacheDir: string = DEFAULT_CACHE_DIR): Promise<NodeRuntimeFiles> {
  const dir = path.join(path.resolve(cacheDir), 'runtime');
  let p = built.get(dir);
  if (!p) {
    p = build(dir);
    built.set(dir, p);
    p.catch(() => built.delete(dir));
  }
  return p;
}
