import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { PACKAGED, prebuilt, REPO_ROOT } from '../paths.js';

/** The remote page's script and styles, from the sources (or, installed, as `npm pack` bundled them). */
export async function bundleRemoteAssets(): Promise<{ js: string; css: string }> {
  if (PACKAGED) {
    const [js, css] = await Promise.all([readFile(prebuilt('remote.js'), 'utf8'), readFile(prebuilt('remote.css'), 'utf8')]);
    return { js, css };
  }
  const out = await esbuild.build({
    entryPoints: [join(REPO_ROOT, 'src/page/remote/remote-page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  return { js, css };
}

/**
 * The phone remote's page, bundled when presenting starts (like the dev server's reload client, it is never
 * written to dist/: a static host has no presenter to control). The page holds no key: it reads it from its URL.
 */
export async function bundleRemotePage(): Promise<{ js: string; html: (deck: string) => string }> {
  const { js, css } = await bundleRemoteAssets();
  const html = (deck: string) => `<!doctype html>
<html lang="en" data-deck="${deck.replace(/[^\w-]/g, '')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>kowakunai remote</title>
<style>${css}</style>
<script type="module" src="../remote.js"></script>
</head>
<body>
<main id="remote" aria-live="polite"><p>connecting…</p></main>
</body>
</html>
`;
  return { js, html };
}
