/**
 * Tiny formatters shared by the build (static cell HTML, recorded timelines) and the page (live runs),
 * so a recorded cell and a live one read exactly alike. Pure: no DOM, no Node.
 */

import type { CellError, RunStatus } from './types.js';

/** Elapsed time as shown in the cell toolbar and the timeline summary: 3000 → "3.00 s". */
export function formatElapsed(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  return `${(safe / 1000).toFixed(2)} s`;
}

/** Stamp in front of an output line (seconds since the run started): 1002.4 → "1.00". The column header says "s". */
export function formatStamp(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  return (safe / 1000).toFixed(2);
}

/** Tick label on the timeline axis; drops useless decimals: 0 → "0 s", 500 → "0.5 s", 2000 → "2 s". */
export function formatTick(ms: number): string {
  const s = Math.round(ms) / 1000;
  // Round to 3 decimals then strip trailing zeros, so floating steps (0.1 + 0.2) stay clean.
  return `${Number(s.toFixed(3))} s`;
}

/** Escape text for HTML element content and double-quoted attribute values (nullish → ''). */
export function escapeHtml(text: string | null | undefined): string {
  return (text ?? '').replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/**
 * The text a browser shows for a piece of our own built HTML (its `textContent`): tags dropped, entities
 * decoded. Only for markup the build made (shiki's code), not for arbitrary HTML: no comments, no CDATA.
 */
export function textOfHtml(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] !== '#') return named[ref.toLowerCase()] ?? all;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/**
 * JSON that can sit inside `<script type="application/json">`: `<` is escaped so neither `</script>`
 * nor `<!--` in a cell's source can end or confuse the script element; U+2028/9 for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Output lines a cell keeps in the DOM (built HTML and live view alike); older ones become an "… N earlier lines" note. */
export const OUTPUT_SHOWN_LINES = 1000;

/** UI words of a cell. Chosen by the deck's language; built HTML and the live page use the same table. */
export interface CellText {
  run: string;
  stop: string;
  reset: string;
  edit: string;
  recorded: string;
  modified: string;
  running: string;
  /** a Python run's status while Pyodide loads */
  loadingPython: string;
  /** a follower's copy of the presenter's run (presenting mode) */
  presenterRun: string;
  done: string;
  stopped: string;
  /** "stopped after 30 s time limit" */
  timeLimit: (limitMs: number) => string;
  error: string;
  compileError: string;
  compiling: string;
  /** "… 12 earlier lines not shown" (removed from the page to keep it fast) */
  earlierLines: (n: number) => string;
  /** "… 98,000 more lines not kept" (dropped by the runtime's output limit) */
  droppedLines: (n: number) => string;
  moreTasks: (n: number) => string;
  /** after a refused request on the timeline: "refused (429)" */
  refused: string;
  returnValue: string;
  speakerView: string;
  /** "line 3, column 7: message" */
  at: (line: number, column: number, message: string) => string;
  output: string;
  timeline: string;
  code: string;
}

const EN: CellText = {
  run: 'Run ▶',
  stop: 'Stop ■',
  reset: 'Reset',
  edit: 'Edit',
  recorded: 'recorded at build time',
  modified: 'modified',
  running: 'running…',
  loadingPython: 'loading Python…',
  presenterRun: "presenter's run",
  done: 'done',
  stopped: 'stopped',
  timeLimit: (ms) => `stopped after ${formatLimit(ms)} time limit`,
  error: 'error',
  compileError: 'does not compile',
  compiling: 'compiling…',
  earlierLines: (n) => `… ${n.toLocaleString('en')} earlier line${n === 1 ? '' : 's'} not shown`,
  droppedLines: (n) => `… ${n.toLocaleString('en')} more line${n === 1 ? '' : 's'} not kept (output limit)`,
  moreTasks: (n) => `… ${n} more task${n === 1 ? '' : 's'}`,
  refused: 'refused (429)',
  returnValue: 'default export',
  speakerView: 'speaker view: recorded result',
  at: (line, column, message) => `line ${line}, column ${column}: ${message}`,
  output: 'output',
  timeline: 'timeline',
  code: 'code',
};

const JA: CellText = {
  run: '実行 ▶',
  stop: '停止 ■',
  reset: 'リセット',
  edit: '編集',
  recorded: 'ビルド時の記録',
  modified: '変更あり',
  running: '実行中…',
  loadingPython: 'Python を読み込み中…',
  presenterRun: '発表者の実行',
  done: '完了',
  stopped: '停止しました',
  timeLimit: (ms) => `制限時間 ${formatLimit(ms)} で停止しました`,
  error: 'エラー',
  compileError: 'コンパイルできません',
  compiling: 'コンパイル中…',
  earlierLines: (n) => `… 前の ${n.toLocaleString('ja')} 行は省略`,
  droppedLines: (n) => `… 以降の ${n.toLocaleString('ja')} 行は出力上限のため記録していません`,
  moreTasks: (n) => `… ほか ${n} タスク`,
  refused: '断られた（429）',
  returnValue: 'default export',
  speakerView: 'スピーカービュー：記録された結果',
  at: (line, column, message) => `${line} 行 ${column} 列: ${message}`,
  output: '出力',
  timeline: 'タイムライン',
  code: 'コード',
};

/** The labels for a BCP-47-ish language tag; anything not Japanese gets English. */
export function cellText(locale: string | undefined): CellText {
  return locale && locale.toLowerCase().startsWith('ja') ? JA : EN;
}

/** How a run ended, for a cell's status region: 'timeout' → "stopped after 30 s time limit". */
export function runStatusText(status: RunStatus, timeLimitMs: number, text: CellText): string {
  switch (status) {
    case 'done':
      return text.done;
    case 'timeout':
      return text.timeLimit(timeLimitMs);
    case 'stopped':
      return text.stopped;
    case 'error':
      return text.error;
  }
}

/** A cell error for its error region: "line 3, column 7: message" when the position is known. */
export function cellErrorText(error: CellError | undefined, text: CellText): string {
  if (!error) return '';
  return error.line !== undefined ? text.at(error.line, error.column ?? 1, error.message) : error.message;
}

/** A time limit in words: 30000 → "30 s", 1500 → "1.5 s". */
export function formatLimit(ms: number): string {
  return formatTick(ms);
}
