/** A deck's own theme as CSS: a file beside it or a package in its node_modules, linked after ours and copied. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { buildSite } from '../src/node/pipeline/site.js';

test('theme: ./my.css and theme: <package> are linked after our stylesheet, and copied under a hashed name', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-theme-'));
  const slides = join(root, 'decks');
  mkdirSync(join(slides, 'node_modules', 'kowakunai-theme-sun'), { recursive: true });
  writeFileSync(join(slides, 'my.css'), ':root { --k-bg: #102030; }\n');
  writeFileSync(join(slides, 'node_modules', 'kowakunai-theme-sun', 'package.json'), '{"name":"kowakunai-theme-sun","style":"sun.css"}');
  writeFileSync(join(slides, 'node_modules', 'kowakunai-theme-sun', 'sun.css'), ':root { --k-bg: #fff3d6; }\n');
  writeFileSync(join(slides, 'file.md'), '---\ntitle: F\nlang: en\ntheme: ./my.css\n---\n\n# F\n');
  writeFileSync(join(slides, 'pkg.mdx'), '---\ntitle: P\nlang: en\ntheme: kowakunai-theme-sun\n---\n\n# P\n');
  const out = join(root, 'dist');
  await buildSite({ slidesDir: slides, outDir: out, client: false, cacheDir: join(root, 'cache') });
  for (const [id, css] of [['file', '#102030'], ['pkg', '#fff3d6']]) {
    const page = readFileSync(join(out, id, 'index.html'), 'utf8');
    const href = /<link rel="stylesheet" href="(media\/theme-[0-9a-f]{10}\.css)">/.exec(page)?.[1];
    expect(href, id).toBeDefined();
    expect(page.indexOf(href!)).toBeGreaterThan(page.indexOf('../assets/deck.css'));
    expect(readFileSync(join(out, id, href!), 'utf8')).toContain(css);
    expect(page).toContain('class="theme-light"');
  }
});
