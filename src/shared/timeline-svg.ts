/**
 * The timeline of a cell run as SVG markup — a pure string function so the build can bake a recorded
 * timeline into static HTML (readable without JS, printable to PDF) and the page can redraw the very
 * same picture many times a second while a run is live.
 *
 * Picture: one row per task (label at the left), running stretches solid, waits pale, blocked stretches
 * red on the row of the task that blocked, a red band on the time axis under any blocked stretch, and
 * ticks in seconds. Coroutines a task awaited (TaskSpan.spans) get indented rows of their own right under
 * their task, drawn as plain outlined spans: a chain of awaits shows as a staircase while the picture still
 * counts one task. A request the server refused (TaskSpan.refused, HTTP 429) is an amber mark, and the
 * bars of a task with one are amber too. Colours come from CSS variables with fallbacks, set through `style` (presentation
 * attributes cannot hold var()), so a page theme can restyle it and a bare SVG still looks right.
 */
import type { BlockedSpan, CellResult, TaskSpan } from './types.js';
import { cellText, escapeHtml, formatElapsed, formatTick } from './format.js';

export interface TimelineOptions {
  /** ms since start to draw open spans (end null) up to; default: the latest time known in the data */
  now?: number;
  /** viewBox width; the SVG scales to its container */
  width?: number;
  rowHeight?: number;
  /** fit this height instead: rows get taller or lower (16–34) with their number; ignored with rowHeight */
  maxHeight?: number;
  labelWidth?: number;
  /** rows drawn at most; the rest are summed up in one last row (keeps a 500-task run drawable live) */
  maxRows?: number;
  /** language of the summary and labels ('ja' | 'en' …) */
  locale?: string;
  /**
   * false: no rule set inside the SVG; the page carries TIMELINE_CSS once (a deck page has one timeline per cell, and
   * sixteen copies of the rules cost 1.2 KB of its first page). Default true: a bare copy of the picture looks right.
   */
  styled?: boolean;
  /**
   * false: no tooltip on each wait ("A awaits sleep(1)"), only on each row. The build's first drawing of a cell's
   * timeline leaves them out (0.9 KB of asyncio-ja's first page); the page draws the timeline again, with them, as
   * soon as the cell's slide is fitted, before anyone can point at a bar.
   */
  waitTitles?: boolean;
}

type Timed = Pick<CellResult, 'tasks' | 'blocked' | 'totalMs'>;

// The deck theme (src/page/styles/theme.css) sets --k-run / --k-wait / --k-blocked for light and dark.
const COLOR_RUN = 'var(--k-run, #1f5fa8)';
const COLOR_WAIT = 'var(--k-wait, #9fb7d6)';
const COLOR_BLOCKED = 'var(--k-blocked, #c62828)';
const COLOR_REFUSED = 'var(--k-refused, #d97706)';
/** Nested rows drawn per task at most (a long loop of awaits would otherwise push the other tasks away). */
const MAX_SPAN_ROWS = 8;
const STEPS_MS = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000];

/**
 * One rule set instead of a style on every bar: the talk's HTML carried 80 KB of repeated inline styles. Inside each
 * SVG by default (a bare copy of the picture still looks right); a deck page carries it once (`styled: false`).
 */
export const TIMELINE_CSS =
  `.k-timeline{font-family:var(--k-font-ui,system-ui,sans-serif)}` +
  `.k-tl-label,.k-tl-more,.k-tl-tick{fill:currentColor}.k-tl-more{opacity:.7}.k-tl-tick{opacity:.75}` +
  `.k-tl-wait{fill:${COLOR_WAIT};stroke:${COLOR_RUN};stroke-opacity:.5;stroke-width:1;stroke-dasharray:3 2}` +
  `.k-tl-run{fill:${COLOR_RUN}}.k-tl-blocked,.k-tl-blocked-band{fill:${COLOR_BLOCKED}}` +
  `.k-tl-axis{stroke:currentColor;stroke-opacity:.5}.k-tl-now{stroke:currentColor;stroke-opacity:.35;stroke-dasharray:3 3}` +
  `.k-tl-refused .k-tl-run,.k-tl-refused-mark{fill:${COLOR_REFUSED}}.k-tl-refused .k-tl-wait{stroke:${COLOR_REFUSED}}` +
  `.k-tl-span-bar{fill:none;stroke:${COLOR_RUN};stroke-width:1.5}.k-tl-span-label{fill:currentColor;opacity:.8;font-size:11px}`;

/** Round to 0.1 so the markup stays short and stable between frames. */
const r = (n: number): string => String(Math.round(n * 10) / 10);

/** Total time the loop was blocked, overlapping spans counted once. */
export function blockedTotalMs(blocked: readonly BlockedSpan[]): number {
  const spans = [...blocked].sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const b of spans) {
    if (b.start > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = b.start;
      curEnd = b.end;
    } else if (b.end > curEnd) {
      curEnd = b.end;
    }
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

/** One-line summary used as the SVG's title and aria-label: "3 tasks over 3.00 s, loop blocked 0.00 s". */
export function timelineSummary(result: Timed, now?: number, locale?: string): string {
  const n = result.tasks.length;
  const span = Math.max(result.totalMs, now ?? 0);
  const blocked = formatElapsed(blockedTotalMs(result.blocked));
  if (locale?.toLowerCase().startsWith('ja')) {
    return `${n} タスク、全体 ${formatElapsed(span)}、ループのブロック ${blocked}`;
  }
  return `${n} task${n === 1 ? '' : 's'} over ${formatElapsed(span)}, loop blocked ${blocked}`;
}

/** Running stretches of a task: [start, end] minus its waits. */
function runningParts(task: TaskSpan, end: number, now: number): [number, number][] {
  const waits = task.waits
    .map((w) => [Math.max(w.start, task.start), Math.min(w.end ?? now, end)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  const parts: [number, number][] = [];
  let cursor = task.start;
  for (const [a, b] of waits) {
    if (a > cursor) parts.push([cursor, a]);
    cursor = Math.max(cursor, b);
  }
  if (end > cursor) parts.push([cursor, end]);
  return parts;
}

function truncate(label: string, maxChars: number): string {
  return label.length <= maxChars ? label : `${label.slice(0, Math.max(1, maxChars - 1))}…`;
}

/** A call's label cut to fit, keeping its arguments: `think_and_ord…(1)`. */
function truncateCall(label: string, maxChars: number): string {
  const m = /^(.*?)(\(.*\))$/.exec(label);
  if (label.length <= maxChars || !m || m[2]!.length > maxChars - 4) return truncate(label, maxChars);
  return `${m[1]!.slice(0, maxChars - m[2]!.length - 1)}…${m[2]}`;
}

/** The step between ticks: the smallest "nice" step that leaves at most `maxTicks` intervals. */
function tickStep(spanMs: number, maxTicks: number): number {
  for (const s of STEPS_MS) if (spanMs / s <= maxTicks) return s;
  return Math.ceil(spanMs / maxTicks / 60_000) * 60_000;
}

export function renderTimelineSvg(result: Timed, opts: TimelineOptions = {}): string {
  const width = opts.width ?? 560;
  // a picture fitted to a wide box gives its labels more room ("Task-2 long_think", not "Task-2 long_…")
  const labelW = opts.labelWidth ?? (opts.maxHeight ? Math.min(200, Math.max(120, Math.round(width * 0.28))) : 120);
  const maxRows = Math.max(1, opts.maxRows ?? 24);
  const text = cellText(opts.locale);

  // The latest time anywhere in the data, so a live picture never draws past what is known.
  let latest = result.totalMs;
  for (const t of result.tasks) {
    latest = Math.max(latest, t.start, t.end ?? 0);
    for (const w of t.waits) latest = Math.max(latest, w.end ?? w.start);
  }
  for (const b of result.blocked) latest = Math.max(latest, b.end);
  const now = Math.max(opts.now ?? latest, 0);
  const span = Math.max(latest, now, 1);

  const tasks = [...result.tasks].sort((a, b) => a.id - b.id);
  const shown = tasks.length > maxRows ? tasks.slice(0, maxRows - 1) : tasks;
  const hiddenCount = tasks.length - shown.length;
  // Each task's row, followed by a row per coroutine it awaited (nested spans).
  const rowOf = new Map<TaskSpan, number>();
  let rowCount = 0;
  for (const t of shown) {
    rowOf.set(t, rowCount);
    rowCount += 1 + Math.min(t.spans?.length ?? 0, MAX_SPAN_ROWS);
  }
  const rows = Math.max(1, rowCount + (hiddenCount > 0 ? 1 : 0));
  // 4 above the rows, 4 + 28 for the axis below them
  const fitted = opts.maxHeight ? Math.floor((opts.maxHeight - 36) / rows) : 26;
  const rowH = opts.rowHeight ?? Math.min(34, Math.max(16, fitted));

  const top = 4;
  const plotL = labelW;
  const plotR = width - 14;
  const plotW = plotR - plotL;
  const axisY = top + rows * rowH + 4;
  const height = axisY + 28;
  const x = (t: number): number => plotL + (Math.min(Math.max(t, 0), span) / span) * plotW;
  const barH = Math.round(rowH * 0.62);
  const summary = timelineSummary(result, now, opts.locale);
  const maxChars = Math.max(4, Math.floor((labelW - 10) / 8));
  // nested rows' labels are set smaller (11 px), so more of a call fits
  const spanChars = Math.max(4, Math.floor((labelW - 10) / 6.3));

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="k-timeline" role="img" aria-label="${escapeHtml(summary)}"` +
      ` viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-size="14"` +
      `>`,
    `<title>${escapeHtml(summary)}</title>`,
    opts.styled === false ? '' : `<style>${TIMELINE_CSS}</style>`,
  );

  // Rows: label, then the bar as waits (pale) and running parts (solid).
  shown.forEach((task) => {
    const i = rowOf.get(task)!;
    const y = top + i * rowH;
    const barY = y + (rowH - barH) / 2;
    const end = task.end ?? now;
    const live = task.end === null;
    const refused = task.refused ?? [];
    out.push(`<g class="k-tl-task${live ? ' k-tl-live' : ''}${refused.length ? ' k-tl-refused' : ''}" data-task-id="${task.id}">`);
    const tip = `${task.name}: ${formatElapsed(task.start)} – ${live ? '…' : formatElapsed(end)}`;
    out.push(`<title>${escapeHtml(tip)}</title>`);
    out.push(
      `<text class="k-tl-label" x="${plotL - 8}" y="${r(y + rowH / 2)}" dy="0.35em" text-anchor="end"` +
        `>${escapeHtml(truncate(task.name, maxChars))}</text>`,
    );
    for (const w of task.waits) {
      const a = Math.max(w.start, task.start);
      const b = Math.min(w.end ?? now, end);
      if (b <= a) continue;
      const rect = `<rect class="k-tl-wait" x="${r(x(a))}" y="${r(barY)}" width="${r(Math.max(x(b) - x(a), 0.5))}" height="${barH}" rx="2"`;
      out.push(opts.waitTitles === false ? `${rect}/>` : `${rect}><title>${escapeHtml(`${task.name} awaits ${w.on}`)}</title></rect>`);
    }
    for (const [a, b] of runningParts(task, end, now)) {
      out.push(
        `<rect class="k-tl-run" x="${r(x(a))}" y="${r(barY)}" width="${r(Math.max(x(b) - x(a), 1))}" height="${barH}"` +
          ` rx="2"/>`,
      );
    }
    // A refused request: a mark wide enough to see even when the refusal took no time at all.
    for (const f of refused) {
      out.push(
        `<rect class="k-tl-refused-mark" x="${r(x(f.t))}" y="${r(barY)}" width="6" height="${barH}" rx="1">` +
          `<title>${escapeHtml(`${task.name}: ${f.what} ${text.refused}`)}</title></rect>`,
      );
    }
    out.push('</g>');
    // Coroutines the task awaited, each on an indented row of its own under the task.
    (task.spans ?? []).slice(0, MAX_SPAN_ROWS).forEach((sp, k) => {
      const sy = top + (i + 1 + k) * rowH;
      const a = Math.max(sp.start, task.start);
      const b = Math.min(sp.end ?? now, end);
      const h = Math.round(barH * 0.7);
      const tip = `${task.name} awaits ${sp.name}: ${formatElapsed(a)} – ${sp.end === null ? '…' : formatElapsed(b)}`;
      out.push(
        `<g class="k-tl-span" data-task-id="${task.id}"><title>${escapeHtml(tip)}</title>` +
          `<text class="k-tl-span-label" x="${plotL - 8}" y="${r(sy + rowH / 2)}" dy="0.35em" text-anchor="end"` +
          `>${escapeHtml(truncateCall(sp.name, spanChars))}</text>` +
          `<rect class="k-tl-span-bar" x="${r(x(a))}" y="${r(sy + (rowH - h) / 2)}" width="${r(Math.max(x(b) - x(a), 1))}"` +
          ` height="${h}" rx="2"/></g>`,
      );
    });
  });
  if (hiddenCount > 0) {
    const y = top + rowCount * rowH;
    out.push(
      `<text class="k-tl-more" x="${plotL - 8}" y="${r(y + rowH / 2)}" dy="0.35em" text-anchor="end"` +
        `>${escapeHtml(text.moreTasks(hiddenCount))}</text>`,
    );
  }

  // Blocked stretches: red on the row of the task that was running (the one by that name alive then).
  for (const b of result.blocked) {
    const owner =
      shown.find((t) => t.name === b.task && t.start <= b.start && (t.end ?? now) >= b.start) ?? shown.find((t) => t.name === b.task);
    const i = owner ? rowOf.get(owner)! : -1;
    const w = Math.max(x(b.end) - x(b.start), 1.5);
    const tip = `${b.task}: ${b.what} blocked the loop ${formatElapsed(b.end - b.start)}`;
    if (i >= 0) {
      const barY = top + i * rowH + (rowH - barH) / 2;
      out.push(
        `<rect class="k-tl-blocked" x="${r(x(b.start))}" y="${r(barY)}" width="${r(w)}" height="${barH}"` +
          `><title>${escapeHtml(tip)}</title></rect>`,
      );
    }
    out.push(
      `<rect class="k-tl-blocked-band" x="${r(x(b.start))}" y="${axisY - 5}" width="${r(w)}" height="5"` +
        `><title>${escapeHtml(tip)}</title></rect>`,
    );
  }

  // Time axis with ticks in seconds; the live "now" cursor while running.
  out.push(
    `<line class="k-tl-axis" x1="${plotL}" y1="${axisY}" x2="${plotR}" y2="${axisY}"` +
      `/>`,
  );
  const step = tickStep(span, Math.max(2, Math.floor(plotW / 64)));
  for (let t = 0; t <= span + 1e-6; t += step) {
    const tx = r(x(t));
    out.push(
      `<line class="k-tl-axis" x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 4}"/>`,
      `<text class="k-tl-tick" x="${tx}" y="${axisY + 19}" text-anchor="middle">` +
        `${formatTick(t)}</text>`,
    );
  }
  if (opts.now !== undefined && tasks.some((t) => t.end === null)) {
    const nx = r(x(now));
    out.push(
      `<line class="k-tl-now" x1="${nx}" y1="${top}" x2="${nx}" y2="${axisY}"` +
        `/>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}
