/**
 * Slidev's line-highlight meta, as a Slidev author writes it: ```` ```ts {1|3-4|all} ````. Each `|` is one
 * step; a step is `all` / `*` (every line), `none` (no line) or a list of lines and ranges (`2,5-6`).
 * Options we do not support (`{maxHeight:'100px'}`, `twoslash`, `lines:true`) are left alone.
 */

/** The lines lit at one step (1-based), or every line. */
export type StepLines = number[] | 'all';

export interface CodeStepsMeta {
  steps: StepLines[];
  /** the `{…}` group as written, braces included */
  raw: string;
}

/** What is wrong with a meta, in words an author can act on. */
export class CodeStepsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodeStepsError';
  }
}

/**
 * The first `{…}` group of a fence's meta that is a line range, not an options object (those hold `:`, `=` or quotes).
 * Slidev puts it first; a kowakunai cell fence has it after `cell` (```` ```ts cell {1|3} ````).
 */
export function findRangeGroup(meta: string | null | undefined): string | null {
  for (const m of (meta ?? '').matchAll(/\{([^{}]*)\}/g)) if (!/[:='"]/.test(m[1])) return m[0];
  return null;
}

/**
 * Parses the range group of `meta` (null when it has none). With `lineCount`, a line past the block's end is an
 * error: a typo would otherwise light nothing at that step, silently.
 */
export function parseCodeSteps(meta: string | null | undefined, lineCount?: number): CodeStepsMeta | null {
  const raw = findRangeGroup(meta);
  if (raw === null) return null;
  return { steps: parseSteps(raw.slice(1, -1), lineCount), raw };
}

/** `1|3-4|all` (the text between the braces, or a `<Cell highlight="…">` value) → one StepLines per step. */
export function parseSteps(text: string, lineCount?: number): StepLines[] {
  return text.split('|').map((step, i) => {
    const s = step.trim();
    if (s === '') throw new CodeStepsError(`step ${i + 1} of {${text}} is empty: write line numbers (3, 2-5), all, * or none`);
    if (s === 'all' || s === '*') return 'all';
    if (s === 'none') return [];
    const lines = new Set<number>();
    for (const item of s.split(',')) {
      const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(item);
      if (!m) throw new CodeStepsError(`"${item.trim()}" in {${text}} is not a line number or range: write 3, 2-5, all, * or none`);
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      if (from < 1) throw new CodeStepsError(`line ${from} in {${text}}: lines are counted from 1`);
      if (to < from) throw new CodeStepsError(`range ${from}-${to} in {${text}} runs backwards: write ${to}-${from}`);
      if (lineCount !== undefined && to > lineCount) {
        throw new CodeStepsError(`line ${to} in {${text}} is past the end of the block: it has ${lineCount} line${lineCount === 1 ? '' : 's'}`);
      }
      for (let n = from; n <= to; n++) lines.add(n);
    }
    return [...lines].sort((a, b) => a - b);
  });
}

/** Is line `n` (1-based) lit at this step? */
export function isLit(step: StepLines, n: number): boolean {
  return step === 'all' || step.includes(n);
}
