import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const WEIGHTS = [400, 700];

/**
 * Serves Noto Sans JP from dist/ so Japanese renders the same on every projector and in PDFs,
 * with no request to a font CDN. Only the woff2 files are kept (every browser we target reads
 * them), and unicode-range means a page downloads just the subsets its text uses.
 */
export async function writeFonts(distDir: string): Promise<string[]> {
  const outDir = join(distDir, 'assets', 'fonts');
  await mkdir(outDir, { recursive: true });
  const pkgDir = dirname(require.resolve('@fontsource/noto-sans-jp/package.json'));
  const css: string[] = [];
  const files = new Set<string>();
  for (const weight of WEIGHTS) {
    const source = await readFile(join(pkgDir, `${weight}.css`), 'utf8');
    css.push(
      source.replace(/src:\s*url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)(?:,\s*url\([^)]*\) format\('woff'\))?;/g, (_m, file: string) => {
        files.add(file);
        return `src: url(./${file}) format('woff2');`;
      }),
    );
  }
  await Promise.all([...files].map((f) => copyFile(join(pkgDir, 'files', f), join(outDir, f))));
  await writeFile(join(outDir, 'fonts.css'), css.join('\n'));
  return ['assets/fonts/fonts.css', ...[...files].map((f) => `assets/fonts/${f}`)];
}
