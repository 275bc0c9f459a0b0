import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { CellResult, DeckMeta } from '../../shared/types.js';
import { buildClient } from './client-bundle.js';
import { compileCells, type CompiledCell } from './cells/build-cells.js';
import { cellVersions, compileVersions, fitVersions, versionCellsHtml } from './cells/cell-versions.js';
import { recordDeck } from './cells/record-deck.js';
import { markNotRecorded } from './cells/record-python.js';
import { copyPyodideAssets } from './pyodide-assets.js';
import { renderCellHtml } from './cells/render-cell.js';
import { fitCode } from '../../shared/cell-geometry.js';
import { BuildError, toBuildErrors } from './errors.js';
import { cacheDir as defaultCacheDir } from '../paths.js';
import { removeStaleFonts, writePageFonts } from './fonts.js';
import type { SubsetFile } from './font-subset.js';
import { writeDeckInputs } from './deck-inputs.js';
import { handoutPage } from './handout.js';
import { codeCss, highlightCode } from './highlight.js';
import { TIMELINE_CSS } from '../../shared/timeline-svg.js';
import { parseSteps } from './code-steps-meta.js';
import { deckPage, indexPage } from './page.js';
import { twinLinkTags } from './twin-decks.js';
import { renderDeck } from './render-deck.js';
import { ofTotal, type ProgressSink } from '../progress.js';
import type { DeckAsset } from './remark-assets.js';
import type { PackageBundle } from './cells/packages.js';
import { packageTypes as editorPackageTypes } from './editor-types.js';
import { checkPyodidePackages, deckPackages, packageLimitBytes, packagesScript, writePackages } from './deck-packages.js';

export interface BuildOptions {
  slidesDir?: string;
  outDir?: string;
  cacheDir?: string;
  /** build only these decks (ids = folder names) */
  decks?: string[];
  /** skip the browser bundle (the dev server rebuilds it only when src/page changes) */
  client?: boolean;
  /** extra tags for every deck page's <head> */
  head?: string;
  /**
   * run cells at build time (default true; cached by content). 'recorded-only': show what recordings.json and the
   * cache have and run nothing (the dev server serves at once, then records the rest in the background)
   */
  record?: boolean | 'recorded-only';
  /** cells to run again though a recording of their code exists (kowakunai record --force [--only id]) */
  rerecord?: (cellId: string) => boolean;
  /** progress lines (src/node/progress.ts): what is under way, how many of how many */
  progress?: ProgressSink;
  /** the cells' source maps inside their payloads (the one-file deck), not in the deck's cell-maps.json */
  inlineSourceMaps?: boolean;
  /** decks of an earlier build, listed in the index when only some decks are rebuilt */
  previous?: Map<string, BuiltDeck>;
}

export interface BuiltDeck {
  id: string;
  meta: DeckMeta;
  slides: number;
  codeBlocks: number;
  cells: CompiledCell[];
  recorded: Map<string, CellResult>;
  slidesHtml: string;
  assets: DeckAsset[];
  inputs: string[];
  /** `file:line:col: warning: …` lines: the deck builds, but a person would see something wrong */
  warnings: string[];
  /** which tool's deck this was read as, and why (foreign/detect.ts) */
  dialect: string;
  /** its font files, relative to dist/ (filled in when the site is written) */
  fonts: string[];
  /** the cells' source maps by cell (or version) id: <deck>/cell-maps.json, fetched when a cell first runs */
  sourceMaps: Record<string, object>;
  /** the handout's copies of the later versions of cells with steps, by cell id */
  versionCells?: Map<string, string[]>;
  /** the npm packages its cells import or its frontmatter names, bundled (listed in slidesHtml for the page) */
  packages?: PackageBundle[];
  /** their .d.ts files for the editor's type checker */
  packageTypes?: { json: string; file: string } | null;
}

export interface BuildSummary {
  decks: BuiltDeck[];
  files: string[];
  ms: number;
}

/** Thrown when one or more decks fail: every error, each pointing at file:line:col. */
export class BuildFailed extends Error {
  constructor(readonly errors: BuildError[]) {
    super(errors.map((e) => e.format()).join('\n\n'));
    this.name = 'BuildFailed';
  }
}

/** A deck's file names: MDX, or Markdown written for kowakunai or another tool (foreign/). */
export const DECK_EXTENSIONS = ['.mdx', '.md'] as const;
/** Markdown files in a folder of decks that are its documents, not decks. */
const NOT_DECKS = /^(readme|changelog|license|contributing|code_of_conduct|security)\.md$/i;

/** The deck file a folder stands for: its index.mdx, else its index.md. */
export function folderDeck(dir: string): string | undefined {
  return DECK_EXTENSIONS.map((ext) => join(dir, `index${ext}`)).find((f) => existsSync(f));
}

/**
 * The decks of a folder: each sub-folder with an index.mdx or index.md (its name is the deck's id), and each .mdx
 * or .md file directly in it (`talk.mdx` is the deck "talk") — a talk can be one file, kept anywhere.
 */
export async function findDecks(slidesDir: string): Promise<string[]> {
  const entries = await readdir(slidesDir, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory() && folderDeck(join(slidesDir, e.name))).map((e) => e.name);
  const files = entries
    .filter((e) => e.isFile() && DECK_EXTENSIONS.some((ext) => e.name.endsWith(ext)) && !NOT_DECKS.test(e.name))
    .map((e) => e.name.replace(/\.mdx?$/, ''));
  return [...new Set([...folders, ...files])].sort();
}

/** A deck's file: <slidesDir>/<id>/index.mdx (or .md), else <slidesDir>/<id>.mdx (or .md). */
export function deckFile(slidesDir: string, id: string): string {
  const folder = folderDeck(join(slidesDir, id));
  if (folder) return folder;
  const file = DECK_EXTENSIONS.map((ext) => join(slidesDir, `${id}${ext}`)).find((f) => existsSync(f));
  return file ?? join(slidesDir, id, 'index.mdx');
}

/** Compiles, records and renders one deck's slides (writes nothing). */
export async function buildDeck(id: string, opts: BuildOptions = {}): Promise<BuiltDeck> {
  const slidesDir = resolve(opts.slidesDir ?? 'slides');
  const cacheDir = resolve(opts.cacheDir ?? defaultCacheDir());
  opts.progress?.(`${id}: rendering the slides`);
  const rendered = await renderDeck(deckFile(slidesDir, id), join(cacheDir, 'render'));
  const file = deckFile(slidesDir, id);
  checkPyodidePackages(file, rendered.compiled.meta);
  const cells = await compileCells(rendered.cells, { deckDir: dirname(file), packageLimitBytes: packageLimitBytes(rendered.compiled.meta) });
  const packages = await deckPackages(file, rendered.compiled.meta, cells);
  const packageTypes = editorPackageTypes(packages, dirname(file));
  // a cell with steps: each later version is recorded as a cell of its own
  const versions = await compileVersions(cells);
  const everyCell = [...cells, ...[...versions.values()].flat()];
  // TypeScript cells are recorded in Node workers, Python cells in headless Chromium; both start from the deck's
  // committed recordings (recordings.json), which are written back with whatever had to run again
  const recorded =
    opts.record === false
      ? new Map<string, CellResult>()
      : await recordDeck(deckFile(slidesDir, id), everyCell, {
          cellCacheDir: join(cacheDir, 'cells'),
          rerecord: opts.rerecord,
          progress: opts.progress,
          runMissing: opts.record !== 'recorded-only',
        });
  // the size each cell's code is drawn at on its slide; code that cannot fit at the floor is worth a warning
  const fits = cells.map((c) => (c.props.versions ? fitVersions(c, c.props.placement ?? 'stage') : fitCode(c.source, c.props.placement ?? 'stage')));
  const cellWarnings = cells.flatMap((c, i) => {
    if (fits[i].fits) return [];
    // where the author placed the cell: the <Cell src> tag in the deck, or the fenced block's code
    const [, file, line] = /^(.*):(\d+)$/.exec(c.props.usedIn ?? '') ?? [, c.props.file, c.props.line];
    return [`${relative(process.cwd(), file!)}:${line}:1: warning: cell "${c.id}" does not fit: ${fits[i].why}; split it, shorten its lines, or give it a slide of its own`];
  });
  const sourceMaps = opts.inlineSourceMaps ? undefined : new Map<string, object>();
  const cellHtml = await Promise.all(
    cells.map(async (c, i) => {
      const html = renderCellHtml({
        sourceMaps,
        id: c.id,
        title: c.title,
        lang: c.lang,
        source: c.source,
        js: c.js,
        // no empty last line: the code box on the slide is sized to the lines that show
        highlightedHtml:
          c.props.magicMove ??
          (await highlightCode(c.source.replace(/\n+$/, ''), c.lang === 'python' ? 'python' : 'ts', c.props.highlight ? `{${c.props.highlight}}` : '')),
        steps: c.props.highlight ? parseSteps(c.props.highlight) : undefined,
        versions: versions.has(c) ? cellVersions(versions.get(c)!, recorded) : undefined,
        timeLimitMs: c.timeLimitMs,
        recorded: recorded.get(c.id) ?? null,
        deckId: id,
        locale: rendered.compiled.meta.lang,
        placement: c.props.placement,
        codeFit: fits[i],
      });
      // no recording after trying to record: say why on the cell (a deferred recording is not a failure)
      const tried = opts.record === undefined || opts.record === true;
      return c.lang === 'python' && tried && !recorded.has(c.id) ? markNotRecorded(html, rendered.compiled.meta.lang) : html;
    }),
  );
  // the page's list of package bundles travels with the slides: a live reload that adds a package brings it along
  const slidesHtml = packagesScript(packages, (b) => `../${b.file}`, packageTypes ? `../${packageTypes.file}` : undefined) + rendered.html.replace(/<div class="k-cell-slot" data-cell-slot="(\d+)"><\/div>/g, (_m, n: string) => cellHtml[Number(n)]);
  return {
    id,
    meta: rendered.compiled.meta,
    slides: (slidesHtml.match(/<section data-slide=/g) ?? []).length,
    codeBlocks: (slidesHtml.match(/<pre class="shiki/g) ?? []).length,
    cells,
    recorded,
    slidesHtml,
    assets: rendered.compiled.assets,
    inputs: rendered.inputs,
    warnings: [...rendered.compiled.warnings, ...cellWarnings],
    dialect: rendered.compiled.dialectReason,
    fonts: [],
    sourceMaps: Object.fromEntries(sourceMaps ?? []),
    versionCells: await versionCellsHtml(versions, recorded, id, rendered.compiled.meta.lang),
    packages,
    packageTypes,
  };
}

/**
 * Every deck named (or found), built side by side; all their errors together in one BuildFailed, each at its
 * file:line:col. The site and the single-file build both start here.
 */
export async function buildDecks(opts: BuildOptions = {}): Promise<BuiltDeck[]> {
  const slidesDir = resolve(opts.slidesDir ?? 'slides');
  const ids = opts.decks ?? (await findDecks(slidesDir));
  if (ids.length === 0) throw new BuildFailed([new BuildError('no decks found: a deck is a folder with an index.mdx', slidesDir)]);
  const settled = await Promise.allSettled(ids.map((id) => buildDeck(id, { ...opts, slidesDir })));
  const errors = settled.flatMap((s) => (s.status === 'rejected' ? toBuildErrors(s.reason, slidesDir) : []));
  if (errors.length > 0) throw new BuildFailed(errors);
  return settled.map((s) => (s as PromiseFulfilledResult<BuiltDeck>).value);
}

/** The whole site: every deck, the index, the browser bundle, fonts. Writes only if everything built. */
export async function buildSite(opts: BuildOptions = {}): Promise<BuildSummary> {
  const started = performance.now();
  const slidesDir = resolve(opts.slidesDir ?? 'slides');
  const outDir = resolve(opts.outDir ?? 'dist');
  const decks = await buildDecks(opts);
  const ids = decks.map((d) => d.id);

  const files: string[] = [];
  await mkdir(outDir, { recursive: true });
  if (opts.client !== false) {
    opts.progress?.('the browser bundle');
    files.push(...(await buildClient(outDir)));
    // Python cells: Pyodide in dist/assets/pyodide/, loaded by the first Python run (never by the first page)
    if (decks.some((d) => d.cells.some((c) => c.lang === 'python'))) files.push(...(await copyPyodideAssets(outDir)));
  }
  await mkdir(join(outDir, 'assets'), { recursive: true });
  await rm(join(outDir, 'assets', 'code.css'), { force: true }); // inlined in each page now
  // A static host answers the slow-API probe with this file (200, no marker header) instead of a 404:
  // the page then emulates the API inside the sandbox. The dev and preview servers answer for real.
  await mkdir(join(outDir, 'api'), { recursive: true });
  await writeFile(join(outDir, 'api', 'slow'), 'kowakunai: no slow API on this host; live cells emulate it in the page.\n');
  const cacheDir = resolve(opts.cacheDir ?? defaultCacheDir());
  const fonts: SubsetFile[] = [];
  const allIds = opts.decks ? await findDecks(slidesDir) : ids;
  for (const deck of decks) {
    const dir = join(outDir, deck.id);
    await rm(join(dir, 'media'), { recursive: true, force: true });
    await mkdir(join(dir, 'media'), { recursive: true });
    opts.progress?.(`${deck.id}: fonts and pages (${ofTotal(decks.indexOf(deck) + 1, decks.length)})`);
    const theme = themeAsset(deck);
    if (theme) deck.assets.push(theme);
    const themeLink = theme ? `<link rel="stylesheet" href="${theme.to}">\n` : '';
    const page = { id: deck.id, meta: deck.meta, slidesHtml: deck.slidesHtml, head: `${opts.head ?? ''}${twinLinkTags(deck.id, allIds)}${themeLink}` };
    // the deck and its handout share one cut, made from the very pages it is for
    const cut = await writePageFonts(outDir, cacheDir, [deckPage(page), handoutPage(deck)], '../assets/');
    fonts.push(...cut.files);
    deck.fonts = cut.files.map((f) => `assets/fonts/${f.name}`);
    // inline, not linked: the page has one stylesheet to wait for (deck.css); code.css is a few hundred bytes
    const styles = `${cut.head}\n<style>${codeCss()}${TIMELINE_CSS}</style>`;
    await writeFile(join(dir, 'index.html'), deckPage({ ...page, slidesHtml: withoutDrawnTimelines(page.slidesHtml), styles }));
    await writeFile(join(dir, 'handout.html'), handoutPage(deck, styles));
    await writeFile(join(dir, 'cell-maps.json'), JSON.stringify(deck.sourceMaps));
    files.push(`${deck.id}/index.html`, `${deck.id}/handout.html`, ...cut.files.map((f) => `assets/fonts/${f.name}`));
    files.push(...(await writePackages(outDir, deck.packages ?? [], deck.packageTypes)));
    for (const asset of deck.assets) {
      await copyFile(asset.from, join(dir, asset.to));
      files.push(`${deck.id}/${asset.to}`);
    }
    await writeDeckInputs(outDir, deck.id, [...deck.inputs, ...deck.assets.map((a) => a.from), ...deck.cells.map((c) => c.props.file)], cacheDir);
  }
  // a partial rebuild (dev server) lists the decks it did not rebuild from their previous build
  const listed = new Map(opts.previous ?? []);
  for (const d of decks) listed.set(d.id, d);
  const indexFonts = await writeIndex(outDir, [...listed.values()], cacheDir);
  files.push('index.html', ...indexFonts.map((f) => `assets/fonts/${f.name}`));
  // a partial rebuild keeps the other decks' cuts; a full one removes every cut no page names
  if (!opts.decks) await removeStaleFonts(outDir, [...fonts, ...indexFonts]);
  return { decks, files, ms: performance.now() - started };
}

/** The deck's own stylesheet, copied under a content-hashed name like its pictures. */
function themeAsset(deck: BuiltDeck): DeckAsset | undefined {
  const from = deck.meta.themeCss;
  if (!from) return undefined;
  const hash = createHash('sha256').update(readFileSync(from)).digest('hex').slice(0, 10);
  return { from, to: `media/theme-${hash}.css` };
}

/** What dist/index.html needs to know of a deck. */
export type IndexDeck = Pick<BuiltDeck, 'id' | 'meta' | 'slides'>;

/**
 * Writes dist/index.html: every deck with its slides and handout, plus links to its PDFs when
 * `<deck>.pdf` / `<deck>-handout.pdf` exist beside the deck folders (npm run pdf calls this again
 * after writing them).
 */
export async function writeIndex(outDir: string, decks: IndexDeck[], cacheDir = defaultCacheDir()): Promise<SubsetFile[]> {
  const entries = [...decks].sort((a, b) => a.id.localeCompare(b.id)).map((deck) => {
    const id = deck.id;
    const downloads = [
      { label: 'PDF', href: `${id}.pdf` },
      { label: deck.meta.lang === 'ja' ? '配布資料 PDF' : 'Handout PDF', href: `${id}-handout.pdf` },
    ].filter((d) => existsSync(join(outDir, d.href)));
    return { id, meta: deck.meta, slides: deck.slides, downloads };
  });
  const cut = await writePageFonts(outDir, cacheDir, [indexPage(entries)], 'assets/');
  await writeFile(join(outDir, 'index.html'), indexPage(entries, cut.head));
  return cut.files;
}

/**
 * The deck page leaves each cell's timeline undrawn: the page draws it from the cell's recorded run when the cell
 * starts (TimelineView.adopt), and redraws it for its box anyway. The same run drawn at build time was a second
 * copy of it in the HTML, ~20 % of asyncio-ja's first page. The handout (a page without the deck's script) and the
 * one-file deck keep them drawn.
 */
export function withoutDrawnTimelines(slidesHtml: string): string {
  return slidesHtml.replace(/(<div class="k-cell-timeline" data-role="timeline"[^>]*>)<svg[\s\S]*?<\/svg>(<\/div>)/g, '$1$2');
}
