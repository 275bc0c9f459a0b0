import type { Element, ElementContent } from 'hast';
import { hastToHtml, type ShikiTransformer } from 'shiki';
import { CodeStepsError, isLit, parseCodeSteps, type StepLines } from './code-steps-meta.js';

/** src/page/styles/code-steps.css has one rule per step up to this many: more would show the wrong lines. */
export const MAX_CODE_STEPS = 20;

/** Set `meta.kowakunaiStepMarkers: false` to leave the markers out (a cell places them itself, outside its code). */
export interface CodeStepsMetaOptions {
  __raw?: string;
  kowakunaiStepMarkers?: boolean;
}

/**
 * The empty fragments reveal.js counts as the block's steps: marker k is shown at step k (the first step, 0, has
 * none). They come before the block, so the stylesheet can light each step's lines from which markers are
 * `.visible` — the same on screen, in print and in the speaker view's frames, with no script. They sit inside the
 * <pre>, before its <code>, so one block's markers never reach another block's lines.
 */
export function stepMarkers(steps: number): Element[] {
  return Array.from({ length: Math.max(0, steps - 1) }, (_, i) => ({
    type: 'element',
    tagName: 'span',
    properties: {
      className: ['fragment', 'k-code-step', ...(i === steps - 2 ? ['k-code-step-last'] : [])],
      dataCodeStep: String(i + 1),
      ariaHidden: 'true',
    },
    children: [],
  }));
}

// shiki's own nodes carry `class` (a string, or an array once a transformer has added one), not hast's `className`
/** The markers as HTML, for a cell: they go in its <live-cell>, outside the code the editor replaces. */
export function stepMarkersHtml(steps: number): string {
  return hastToHtml({ type: 'root', children: stepMarkers(steps) });
}

function lineElements(code: Element): Element[] {
  const classes = (c: Element) => {
    const v = c.properties.class;
    return Array.isArray(v) ? v.map(String) : String(v ?? '').split(' ');
  };
  return code.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'span' && classes(c).includes('line'));
}

/** The steps of a block, checked; an error here is a deck's mistake (rehype-check-code-steps.ts reports it in place). */
export function stepsOf(meta: string | undefined, lineCount?: number): StepLines[] | null {
  const parsed = parseCodeSteps(meta, lineCount);
  if (parsed && parsed.steps.length > MAX_CODE_STEPS) {
    throw new CodeStepsError(`${parsed.raw} has ${parsed.steps.length} steps; a block can have at most ${MAX_CODE_STEPS}`);
  }
  return parsed?.steps ?? null;
}

/**
 * Slidev's `{1|3-4|all}` as a shiki transformer. One step (`{3}`) is today's static highlight (`.highlighted`).
 * Several: each line gets `k-s<k>` for every step k that lights it, the <pre> `k-steps` and `data-steps` (the
 * line sets as JSON, for the page's controller and the cell editor), and the step markers go in it.
 */
export function transformerCodeSteps(): ShikiTransformer {
  const meta = (t: { options: { meta?: unknown } }) => (t.options.meta ?? {}) as CodeStepsMetaOptions;
  return {
    name: 'kowakunai:code-steps',
    code(code) {
      const steps = stepsOf(meta(this).__raw);
      if (!steps) return;
      const lines = lineElements(code);
      if (steps.length === 1) {
        if (steps[0] !== 'all') lines.forEach((line, i) => isLit(steps[0], i + 1) && this.addClassToHast(line, 'highlighted'));
        return;
      }
      lines.forEach((line, i) => {
        const lit = steps.flatMap((s, k) => (isLit(s, i + 1) ? [`k-s${k}`] : []));
        if (lit.length) this.addClassToHast(line, lit);
      });
    },
    pre(pre) {
      const m = meta(this);
      const steps = stepsOf(m.__raw);
      if (!steps || steps.length < 2) return;
      this.addClassToHast(pre, 'k-steps');
      pre.properties.dataSteps = JSON.stringify(steps);
      if (m.kowakunaiStepMarkers !== false) pre.children.unshift(...(stepMarkers(steps.length) as ElementContent[]));
    },
  };
}
