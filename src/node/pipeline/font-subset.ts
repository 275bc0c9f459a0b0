import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Blob, Face } from 'harfbuzzjs';
import fontverter from 'fontverter';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);

/**
 * The source: full, unsplit static instances of Noto Sans JP (OFL), one TrueType file per weight, from
 * `@expo-google-fonts/noto-sans-jp`. One harfbuzz call then cuts one file holding every glyph a deck needs.
 * The @fontsource files are Google's 124 unicode-range slices per weight; a deck's kanji are spread over
 * dozens of them, and joining slices back into one file needs a font merger that JavaScript lacks.
 */
export const FONT_FAMILY = 'Noto Sans JP';
export const WEIGHTS = [
  { weight: 400, file: '400Regular/NotoSansJP_400Regular.ttf', local: 'NotoSansJP-Regular' },
  { weight: 700, file: '700Bold/NotoSansJP_700Bold.ttf', local: 'NotoSansJP-Bold' },
] as const;
const PACKAGE = '@expo-google-fonts/noto-sans-jp';
/** bump when the cutting options change: names the cache entries */
const RECIPE = 'v1 woff2 noLayoutClosure';

export function sourceFontPath(file: string): string {
  return join(require.resolve(`${PACKAGE}/package.json`), '..', file);
}

/**
 * Always kept, whatever the deck says: printable ASCII (code typed into a cell's editor stays in the deck's
 * face) and the typographic marks the client's own labels and timelines use. Anything else typed later —
 * a kanji the deck never used — is drawn by the next font in the page's font stack (the system's).
 */
const ALWAYS = (() => {
  let s = '';
  for (let c = 0x20; c < 0x7f; c++) s += String.fromCharCode(c);
  return s + '\u00a0\u00b7\u00d7\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2190\u2192\u2191\u2193\u25b6\u25a0\u2713\u2715\u3000\u3001\u3002';
})();

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Every character a page can show: its HTML with entities and JSON `\uXXXX` escapes decoded (recorded output
 * and timelines travel in attributes and script JSON). Markup adds only ASCII, which is kept anyway.
 */
export function pageCharacters(...texts: string[]): Set<string> {
  const chars = new Set<string>(ALWAYS);
  for (const raw of texts) {
    const text = raw
      .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => safeChar(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_m, d: string) => safeChar(Number(d)))
      .replace(/&([a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m)
      .replace(/\\u([0-9a-f]{4})/gi, (_m, h: string) => safeChar(parseInt(h, 16)));
    for (const ch of text) if (ch.codePointAt(0)! > 0x20) chars.add(ch);
  }
  return chars;
}

function safeChar(code: number): string {
  return code > 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : ' ';
}

/** Code points a font file (TrueType, OpenType, WOFF or WOFF2) maps to a glyph. */
export async function fontCodePoints(bytes: Uint8Array): Promise<Set<number>> {
  const sfnt = (await fontverter.convert(Buffer.from(bytes), 'sfnt')) as Buffer;
  // harfbuzzjs 1.6 frees faces and blobs itself when they are collected
  return new Set(new Face(new Blob(new Uint8Array(sfnt))).collectUnicodes());
}

let fullCoverage: Promise<Set<number>> | undefined;
/** What the full font can draw: characters outside it (emoji, rare symbols) always come from the system's fonts. */
export function fullFontCodePoints(): Promise<Set<number>> {
  fullCoverage ??= readFile(sourceFontPath(WEIGHTS[0].file)).then(fontCodePoints);
  return fullCoverage;
}

export interface SubsetFile {
  weight: number;
  /** content-hashed file name under assets/fonts/ */
  name: string;
  bytes: Uint8Array;
}

/**
 * Cuts each weight down to `chars`, one woff2 per weight. `noLayoutClosure`: the glyphs that OpenType
 * substitutions could reach (vertical forms, alternates) are left out — horizontal slides never ask for
 * them, and they nearly doubled the file. Cached in `<cacheDir>/fonts/` by recipe, source and text: cutting
 * takes about 0.4 s a weight, a cache hit a file read.
 */
export async function subsetDeckFonts(chars: Set<string>, cacheDir: string): Promise<SubsetFile[]> {
  const text = [...chars].sort().join('');
  const dir = join(cacheDir, 'fonts');
  await mkdir(dir, { recursive: true });
  return Promise.all(
    WEIGHTS.map(async ({ weight, file }) => {
      const key = createHash('sha256').update(`${RECIPE}\n${PACKAGE}/${file}\n${text}`).digest('hex').slice(0, 16);
      const cached = join(dir, `${key}.woff2`);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(cached);
      } catch {
        bytes = await subsetFont(await readFile(sourceFontPath(file)), text, { targetFormat: 'woff2', noLayoutClosure: true });
        await writeFile(cached, bytes);
      }
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
      return { weight, name: `noto-sans-jp-${weight}-${hash}.woff2`, bytes };
    }),
  );
}

/**
 * The page's font tags, inlined in <head> (a few hundred bytes: no request, nothing to block on). A locally
 * installed Noto Sans JP is used before the download: it has every glyph. `swap`: text shows at once in the
 * system font and is redrawn when the file arrives.
 *
 * Both files are preloaded. Chromium lays out code (stack: a local monospace font, then Noto Sans JP) before the
 * web font has arrived with the primary font's empty boxes for Japanese, and does not lay it out again when the
 * font comes — seen in the handout's cells, on screen and in the PDF. Preloaded, the files are there before the
 * first layout. The cost: on a machine whose own Japanese font comes first in the stack (macOS), the page fetches
 * these two files for nothing.
 */
export function fontHead(files: SubsetFile[], assetsUrl: string, inline = false): string {
  const faces = files.map((f) => {
    const local = WEIGHTS.find((w) => w.weight === f.weight)?.local;
    // inline: the single-file deck, which can load no other file
    const url = inline ? `data:font/woff2;base64,${Buffer.from(f.bytes).toString('base64')}` : `${assetsUrl}fonts/${f.name}`;
    return `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${f.weight};font-display:swap;src:local('${local}'),url(${url}) format('woff2')}`;
  });
  if (inline) return `<style>${faces.join('\n')}</style>`;
  const preloads = files.map((f) => `<link rel="preload" href="${assetsUrl}fonts/${f.name}" as="font" type="font/woff2" crossorigin>\n`);
  return `${preloads.join('')}<style>${faces.join('\n')}</style>`;
}

/** Names under assets/fonts/ that no deck of this build refers to (an earlier build's cut, the old slices). */
export async function staleFontFiles(fontsDir: string, keep: Set<string>): Promise<string[]> {
  const names = await readdir(fontsDir).catch(() => [] as string[]);
  return names.filter((n) => !keep.has(n));
}
