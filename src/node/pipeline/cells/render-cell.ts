/**
 * The static HTML of one live cell. It must stand on its own: without JavaScript (a reader, a PDF, the
 * speaker view) it shows the highlighted source, the recorded output and timeline; with JavaScript,
 * src/page/cells upgrades the same element in place and reads everything it needs from the JSON
 * payload, so the page never fetches anything to run an unedited cell.
 *
 * Markup contract with the client (src/page/cells): data-role / data-action names and class names
 * here are the ones the client looks up; the output line markup matches output-view.ts.
 */
import {
  cellErrorText,
  cellText,
  escapeHtml,
  formatElapsed,
  formatStamp,
  jsonForScript,
  OUTPUT_SHOWN_LINES,
  textOfHtml,
  runStatusText,
  type CellText,
} from '../../../shared/format.js';
import { withoutInlineSourceMap } from '../../../shared/cell-compile.js';
import { fitCode, type CellPlacement, type CodeFit } from '../../../shared/cell-geometry.js';
import { renderTimelineSvg } from '../../../shared/timeline-svg.js';
import type { StepLines } from '../code-steps-meta.js';
import { stepMarkersHtml } from '../transformer-code-steps.js';
import { DEFAULT_TIME_LIMIT_MS, type CellResult, type CellVersion, type OutputLine, type StoredCellPayload } from '../../../shared/types.js';

export interface RenderCellInput {
  /** unique within the deck; also the localStorage key part for edits */
  id: string;
  title?: string;
  /** language of the code ('ts') */
  lang: string;
  source: string;
  /** compileCell output for `source` */
  js: string;
  /** shiki HTML of `source` (trusted: made by our own build) */
  highlightedHtml: string;
  timeLimitMs?: number;
  /** the build-time run; null when recording was skipped or failed */
  recorded?: CellResult | null;
  deckId: string;
  /** language of the UI words: the deck's `lang` ('ja' → Japanese labels, else English) */
  locale?: string;
  /** where the cell sits on its slide (default: alone under the title) */
  placement?: CellPlacement;
  /** Slidev's line steps (`highlight="1|3"`): the cell carries their markers, outside the code the editor replaces */
  steps?: StepLines[];
  /** fitCode(source, placement), when the caller has it already */
  codeFit?: CodeFit;
  /** a cell with steps: the versions after the first (`highlightedHtml` is then the magic move of all) */
  versions?: CellVersion[];
  /** given: the source maps go here, by cell (or version) id, instead of into the payload (a site's cell-maps.json) */
  sourceMaps?: Map<string, object>;
}

/** One output line; the client's output-view.ts builds the same markup with the DOM. */
export function renderOutputLine(line: OutputLine): string {
  return (
    `<li class="k-out-line" data-stream="${line.stream}">` +
    `<span class="k-out-t">${formatStamp(line.t)}</span>` +
    `<span class="k-out-text">${escapeHtml(line.text)}</span></li>`
  );
}

/**
 * Output region contents for a result: the last lines (an "… N earlier lines" note above them when
 * there are more than the page keeps), a note for lines the runtime dropped at its output limit
 * (it keeps the first MAX_OUTPUT_LINES), and the default export.
 */
export function renderOutput(result: CellResult | null, text: CellText): string {
  const output = result?.output ?? [];
  const shown = output.slice(-OUTPUT_SHOWN_LINES);
  const earlier = output.length - shown.length;
  const dropped = result?.droppedLines ?? 0;
  const note = (role: string, cls: string, n: number, words: (n: number) => string): string =>
    `<div class="${cls}" data-role="${role}"${n > 0 ? '' : ' hidden'}>${n > 0 ? escapeHtml(words(n)) : ''}</div>`;
  const lines = `<ol class="k-out-lines" data-role="output-lines">${shown.map(renderOutputLine).join('')}</ol>`;
  const rv = result?.returnValue;
  const ret = `<div class="k-out-return" data-role="return-value"${rv === undefined ? ' hidden' : ''}>${
    rv === undefined ? '' : `<span class="k-out-return-label">${escapeHtml(text.returnValue)}</span> <code>${escapeHtml(rv)}</code>`
  }</div>`;
  return (
    note('output-earlier', 'k-out-more', earlier, text.earlierLines) +
    lines +
    note('output-dropped', 'k-out-more k-out-dropped', dropped, text.droppedLines) +
    ret
  );
}

export function renderCellHtml(input: RenderCellInput): string {
  const locale = input.locale ?? 'en';
  const text = cellText(locale);
  const timeLimitMs = input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const recorded = input.recorded ?? null;
  const title = input.title ?? input.id;
  const payload: StoredCellPayload = {
    id: input.id,
    deckId: input.deckId,
    title,
    lang: input.lang,
    locale,
    source: input.source,
    // Python runs its source as it is: the page never reads a Python cell's js, so it is not shipped twice
    ...(input.lang === 'python' ? { js: '' } : withoutInlineSourceMap(input.js)),
    timeLimitMs,
    recorded,
    ...(input.versions && {
      versions: input.versions.map((v) => ({ ...v, ...(input.lang === 'python' ? { js: '' } : withoutInlineSourceMap(v.js)) })),
    }),
  };
  // The highlighted code already holds the source as its text: the page reads it from there (readPayload)
  // rather than from a second copy in the JSON, when the two agree to the character.
  if (textOfHtml(input.highlightedHtml) + '\n' === input.source) delete payload.source;
  // read only when a cell runs, and 1.7 KB of asyncio-ja's first page: the site keeps them in a file of their own
  if (input.sourceMaps) {
    if (payload.sourceMap) input.sourceMaps.set(input.id, payload.sourceMap);
    delete payload.sourceMap;
    for (const v of payload.versions ?? []) {
      if (v.sourceMap) input.sourceMaps.set(v.id, v.sourceMap);
      delete v.sourceMap;
    }
  }
  const a = (s: string): string => escapeHtml(s);
  const recordedAt = recorded?.recordedAt ? ` title="${a(recorded.recordedAt)}"` : '';
  const err = cellErrorText(recorded?.error, text);
  const timeline = recorded ? renderTimelineSvg(recorded, { locale, styled: false, waitTitles: false }) : '';
  const placement = input.placement ?? 'stage';
  // the first size for the code, before (and without) the page script: cell-fit.ts refines it on screen
  const code = input.codeFit ?? fitCode(input.source, placement);
  const steps = input.steps && input.steps.length > 1 ? input.steps : undefined;

  return (
    `<live-cell class="k-cell" data-cell-id="${a(input.id)}" data-deck-id="${a(input.deckId)}" data-state="idle"` +
    ` data-lang="${a(input.lang)}" data-locale="${a(locale)}"` +
    (recorded ? ` data-recorded="${a(recorded.status)}"` : '') +
    (steps ? ` data-steps="${a(JSON.stringify(steps))}"` : '') +
    // --k-code-em: the code column's width in em of the code: the widest line plus the box's padding (1.4) and a little slack
    ` data-placement="${placement}" style="--k-cell-code-size:${code.sizePx}px;--k-code-em:${(code.widthEm + 1.5).toFixed(1)}"` +
    ` role="group" aria-label="${a(title)}">` +
    `<div class="k-cell-toolbar" data-role="toolbar">` +
    `<span class="k-cell-title" data-role="title">${a(title)}</span>` +
    `<span class="k-cell-badge" data-role="badge"${recordedAt}${recorded ? '' : ' hidden'}>${a(text.recorded)}</span>` +
    `<span class="k-cell-modified" data-role="modified" hidden>${a(text.modified)}</span>` +
    `<span class="k-cell-status" data-role="status" role="status">${recorded ? a(runStatusText(recorded.status, timeLimitMs, text)) : ''}</span>` +
    `<span class="k-cell-spacer"></span>` +
    `<span class="k-cell-elapsed" data-role="elapsed">${recorded ? formatElapsed(recorded.totalMs) : ''}</span>` +
    // Disabled until the page script takes over: without JS (or in the speaker view) they cannot work.
    `<button type="button" class="k-btn" data-action="edit" disabled>${a(text.edit)}</button>` +
    `<button type="button" class="k-btn" data-action="reset" disabled>${a(text.reset)}</button>` +
    `<button type="button" class="k-btn k-btn-stop" data-action="stop" disabled>${a(text.stop)}</button>` +
    `<button type="button" class="k-btn k-btn-run" data-action="run" disabled aria-keyshortcuts="Control+Enter Meta+Enter">${a(text.run)}</button>` +
    `</div>` +
    (steps ? stepMarkersHtml(steps.length) : '') +
    `<div class="k-cell-body">` +
    // data-prevent-swipe: reveal.js must not turn a touch drag in the code or output into a slide change.
    `<div class="k-cell-code" data-role="code" data-prevent-swipe tabindex="0" aria-label="${a(`${text.code}: ${title}`)}">${input.highlightedHtml}</div>` +
    `<div class="k-cell-results">` +
    `<div class="k-cell-error" data-role="error" role="alert"${err ? '' : ' hidden'}>${a(err)}</div>` +
    `<div class="k-cell-output" data-role="output" data-prevent-swipe role="log" aria-label="${a(text.output)}" tabindex="0">` +
    renderOutput(recorded, text) +
    `</div>` +
    `<div class="k-cell-timeline" data-role="timeline" aria-label="${a(text.timeline)}"${timeline ? '' : ' hidden'}>${timeline}</div>` +
    `</div></div>` +
    `<script type="application/json" data-role="cell-data">${jsonForScript(payload)}</script>` +
    `</live-cell>`
  );
}
