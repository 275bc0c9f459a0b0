/** What a dialect pre-pass hands the pipeline: the source with the dialect's markup blanked out, and where the slides are. */

export type Dialect = 'kowakunai' | 'markdown' | 'slidev' | 'marp' | 'reveal' | 'mdx-deck';

export const DIALECT_NAMES: Record<Dialect, string> = {
  kowakunai: 'kowakunai MDX',
  markdown: 'Markdown (slides split on ---)',
  slidev: 'Slidev',
  marp: 'Marp',
  reveal: 'reveal.js / reveal-md Markdown',
  'mdx-deck': 'mdx-deck',
};

export interface SlideSpec {
  /** first and last line of the slide, 1-based, inclusive */
  start: number;
  end: number;
  /** line ranges (inclusive) whose content is the speaker's notes, not the slide */
  notes: [number, number][];
  /** lines where a new column begins (Slidev's ::right::) */
  columns: number[];
  /** attributes for the slide's <section>: class, style, data-* */
  attrs: Record<string, string>;
  /** images the dialect names outside the body (Slidev's `background:`, `image:`): shown as the slide's background */
  backgrounds: { url: string; side?: 'left' | 'right' }[];
}

export interface ForeignWarning {
  message: string;
  line: number;
  column?: number;
}

export interface Prepared {
  dialect: Dialect;
  /** why this dialect was chosen, printed by the build */
  reason: string;
  /** the source, same number of lines, with separators, per-slide frontmatter and directives blanked */
  text: string;
  /** undefined: the tree is split on `---` as in a kowakunai deck */
  slides?: SlideSpec[];
  /** frontmatter values implied by the dialect (Marp's theme, mdx-deck's <Head><title>) */
  meta: { theme?: 'light' | 'dark'; title?: string };
  /** frontmatter keys the dialect itself reads (Slidev's layout, Marp's paginate): not "unused" */
  usedKeys?: string[];
  warnings: ForeignWarning[];
}

export function emptySlide(start: number, end: number): SlideSpec {
  return { start, end, notes: [], columns: [], attrs: {}, backgrounds: [] };
}
