#!/usr/bin/env node
/**
 * The `kowakunai` command. Installed from npm, it runs lib/kowakunai.mjs: the CLI bundled at pack time
 * (scripts/prepack.ts), plain JavaScript. In this repository (src/ is here) it runs the CLI from the sources
 * without tsx: tsx's loader costs about half a second at every start, and `npm run build` should start at once.
 * src/node/cli/main.ts and what it imports are bundled by esbuild (npm packages stay external, loaded from
 * node_modules as usual) into .cache/cli/, once per state of the sources: a start hashes src/ (a few
 * milliseconds) and imports the bundle made for that state, or makes it first (a fraction of a second).
 * `import.meta.url` keeps naming each module's own source file, so paths computed from it (the .cache folder,
 * the sandbox sources, the cell runtime) are what they are under tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = 'src/node/cli/main.ts';

if (existsSync(join(root, entry))) await import(pathToFileURL(await bundleFromSources()).href);
else await import(new URL('../lib/kowakunai.mjs', import.meta.url).href);

/** The CLI bundled from this repository's sources, made once per state of src/ and the lock file. */
async function bundleFromSources() {
  const hash = createHash('sha256').update(`v2 ${entry}\n`);
  hash.update(readFileSync(join(root, 'package-lock.json')));
  for (const dir of ['src']) {
    if (!existsSync(join(root, dir))) continue;
    for (const name of readdirSync(join(root, dir), { recursive: true }).sort()) {
      const path = join(root, dir, name);
      if (/\.(ts|tsx|mts|js|mjs|json|py)$/.test(name) && statSync(path).isFile()) hash.update(`\0${dir}/${name}\0`).update(readFileSync(path));
    }
  }
  const out = join(root, '.cache', 'cli', `${basename(entry, extname(entry))}-${hash.digest('hex').slice(0, 16)}.mjs`);

  if (!existsSync(out)) {
    // a second or two on a fresh clone, before the command can say anything of its own
    if (process.stderr.isTTY) process.stderr.write('kowakunai: preparing the command from src/ (once after each change)…\n');
    const esbuild = await import('esbuild');
    const tmp = `${out}.${process.pid}.tmp.mjs`;
    mkdirSync(join(root, '.cache', 'cli'), { recursive: true });
    await esbuild.build({
      // the same bundle as the package's (scripts/prepack.ts), but each module keeps its own import.meta.url
      ...JSON.parse(readFileSync(join(root, 'src/node/cli/bundle.json'), 'utf8')),
      entryPoints: [join(root, entry)],
      outfile: tmp,
      logLevel: 'warning',
      plugins: [
        {
          name: 'own-import-meta-url',
          setup(build) {
            build.onLoad({ filter: /\.(ts|tsx|mts)$/ }, (args) => {
              if (relative(root, args.path).startsWith('..') || args.path.includes('node_modules')) return undefined;
              const source = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
              return { contents: source, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
            });
          },
        },
      ],
    });
    // older bundles of the same script go: one per script is kept
    for (const name of readdirSync(join(root, '.cache', 'cli'))) {
      const stale = name.startsWith(`${basename(entry, extname(entry))}-`) && name.endsWith('.mjs') && !name.includes('.tmp');
      // not `out` itself: a build started alongside may have just made it, and is about to import it
      if (stale && name !== basename(out)) rmSync(join(root, '.cache', 'cli', name), { force: true });
    }
    renameSync(tmp, out);
  }
  return out;
}
