import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * A deck's own theme, as CSS: `theme: ./my.css` (beside the deck) or `theme: kowakunai-theme-x` (a package in the
 * deck's node_modules whose package.json names its stylesheet in `style`, else its `index.css`). The stylesheet
 * is loaded after ours and sets our CSS variables (README, "Themes"). Undefined: not a stylesheet we can find.
 */
export function resolveThemeCss(theme: string, deckFile: string): string | undefined {
  if (theme.endsWith('.css')) {
    const path = resolve(dirname(deckFile), theme);
    return existsSync(path) ? path : undefined;
  }
  if (!/^(@[\w.-]+\/)?[\w.-]+$/.test(theme)) return undefined;
  try {
    const pkgJson = createRequire(deckFile).resolve(`${theme}/package.json`);
    const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { style?: string; main?: string };
    const entry = [pkg.style, pkg.main?.endsWith('.css') ? pkg.main : undefined, 'index.css'].find((f): f is string => !!f && existsSync(join(dirname(pkgJson), f)));
    return entry ? join(dirname(pkgJson), entry) : undefined;
  } catch {
    return undefined;
  }
}
