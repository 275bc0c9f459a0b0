/**
 * `npm pack` runs this first: the package ships compiled JavaScript only — no src/, no TypeScript tooling at run
 * time. lib/kowakunai.mjs is the CLI bundled by esbuild (npm packages stay external: they are the package's
 * dependencies); lib/prebuilt/ holds what the sources would otherwise be bundled into on demand: the deck client
 * and sandbox page, the single-file client, the Node cell runtime, the fit probe, the dev-reload script, the phone remote's page, and the
 * characters of the page's own labels (for the font cut). `postpack` removes lib/ again.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import cliBundle from '../src/node/cli/bundle.json';
import { buildInto } from '../src/node/pipeline/client-bundle.js';
import { buildSingleFileClient } from '../src/node/pipeline/single-file.js';
import { buildNodeRuntime } from '../src/node/pipeline/cells/node-runtime.js';
import { buildPythonWorkerJs } from '../src/node/pipeline/sandbox-bundle.js';
import { clientCharacters } from '../src/node/pipeline/fonts.js';
import { probe } from '../src/node/check/check-deck.js';
import { bundleReloadScript } from '../src/node/server/dev-server.js';
import { bundleRemoteAssets } from '../src/node/server/present-remote.js';

const lib = resolve('lib');
const prebuilt = join(lib, 'prebuilt');
const started = performance.now();
rmSync(lib, { recursive: true, force: true });
mkdirSync(prebuilt, { recursive: true });

// twoslash is bundled (a devDependency): its peer dependency on typescript 5–6 would otherwise make an
// author's npm install a second TypeScript, or refuse beside a TypeScript 7. The compiler it runs,
// typescript-twoslash, stays external — a dependency, loaded only when a deck has a twoslash block.
const BUNDLED = /^(?:twoslash|twoslash-protocol|@typescript\/vfs|@shikijs\/twoslash|debug|ms)(?:\/|$)/;
const bundleTwoslash: esbuild.Plugin = {
  name: 'bundle-twoslash',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED.test(args.path) ? undefined : { path: args.path, external: true }));
  },
};
const { packages: _external, ...cliOptions } = cliBundle as esbuild.BuildOptions;

await esbuild.build({
  ...cliOptions,
  plugins: [bundleTwoslash],
  // @typescript/vfs (CommonJS) calls require(): an ES module has none of its own
  banner: { js: "import { createRequire as __kowakunaiRequire } from 'node:module'; const require = __kowakunaiRequire(import.meta.url);" },
  entryPoints: ['src/node/cli/main.ts'],
  outfile: join(lib, 'kowakunai.mjs'),
  // paths.ts: the bundle finds lib/prebuilt/ beside itself and keeps its caches beside the decks
  define: { KOWAKUNAI_PACKAGED: 'true' },
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});

await buildInto(join(prebuilt, 'client'), true);
await buildSingleFileClient(join(prebuilt, 'single'));
const runtime = await buildNodeRuntime(join(prebuilt, 'runtime'));
writeFileSync(
  join(prebuilt, 'runtime', 'runtime.json'),
  JSON.stringify({ recordWorkerFile: basename(runtime.recordWorkerFile), poolWorkerFile: basename(runtime.poolWorkerFile), slowApiThreadFile: basename(runtime.slowApiThreadFile) }),
);
// unminified, as record-python.ts builds it from the sources
writeFileSync(join(prebuilt, 'py-worker.js'), await buildPythonWorkerJs(false));
writeFileSync(join(prebuilt, 'fit-probe.js'), probe());
writeFileSync(join(prebuilt, 'dev-reload.js'), await bundleReloadScript());
const remote = await bundleRemoteAssets();
writeFileSync(join(prebuilt, 'remote.js'), remote.js);
writeFileSync(join(prebuilt, 'remote.css'), remote.css);
writeFileSync(join(prebuilt, 'client-chars.txt'), await clientCharacters());
// the cell API's types, for an author's editor: /// <reference path="node_modules/kowakunai/lib/kowakunai.d.ts" />
copyFileSync('src/sandbox/kowakunai.d.ts', join(lib, 'kowakunai.d.ts'));
console.error(`prepack: lib/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
