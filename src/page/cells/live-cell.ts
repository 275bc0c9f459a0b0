/**
 * <live-cell>: upgrades a cell built by render-cell.ts in place.
 *
 * States (data-state): idle → running → done | error | stopped | timeout, and from any of those back
 * to running (Run) or idle (Reset). The static HTML already shows the recorded run, so until the user
 * acts nothing is loaded: the editor chunk loads on the first click into the code (or Edit), the
 * compiler worker when an edit needs compiling, the sandbox frame on the first Run.
 */
import { withInlineSourceMap } from '../../shared/cell-compile.js';
import { cellErrorText, cellText, formatElapsed, runStatusText, type CellText } from '../../shared/format.js';
import type { MirroredRunEvent } from '../../shared/follow-protocol.js';
import type { CellError, CellPayload, CellResult } from '../../shared/types.js';
import { findParts, plainSource, readPayload, sourceOffsetAt, type CellParts } from './cell-dom.js';
import { CompileFailure, compileSource, warmCompiler, type CompileProblem } from './compiler.js';
import { isolateKeys } from './cell-keys.js';
import { cellsContext, sandboxHost } from './context.js';
import type { CellEditor, EditorProblem } from './editor.js';
import { OutputView } from './output-view.js';
import type { RunHandle } from './sandbox-host.js';
import { clearEdit, loadEdit, saveEdit } from './storage.js';
import { TimelineView } from './timeline-view.js';

export type CellState = 'idle' | 'running' | CellResult['status'];

interface ActiveRun {
  handle?: RunHandle;
  stopped: boolean;
  /** reset while running: the result no longer belongs on screen */
  discarded: boolean;
  t0: number;
  remoteNow: number;
  frame: number;
  lastTick: number;
}

const SAVE_DELAY_MS = 300;
const CHECK_DELAY_MS = 500;
const TICK_MS = 50;

export class LiveCell extends HTMLElement {
  private payload!: CellPayload;
  private text!: CellText;
  private parts!: CellParts;
  private output!: OutputView;
  private timeline!: TimelineView;
  private upgraded = false;
  private source = '';
  private compiled: { source: string; js: string } | null = null;
  private staticCode: Node[] = [];
  private editor: CellEditor | null = null;
  private editorLoading: Promise<CellEditor | null> | null = null;
  private problem: EditorProblem | null = null;
  private run: ActiveRun | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** the presenter's run shown here (presenting mode): the run number, or null */
  private mirrored: number | null = null;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  /** Draws the timeline for a box of this size (cell-fit.ts: rows as tall as the room allows). */
  fitTimeline(width: number, maxHeight: number): void {
    this.timeline?.fitTo(width, maxHeight);
  }

  connectedCallback(): void {
    if (this.upgraded) return;
    const payload = readPayload(this);
    const parts = findParts(this);
    if (!payload || !parts) {
      console.warn('[kowakunai] <live-cell> without its data or parts; left as static HTML', this);
      return;
    }
    this.upgraded = true;
    this.payload = payload;
    this.parts = parts;
    this.text = cellText(payload.locale);
    this.output = new OutputView(parts.output, this.text);
    this.timeline = new TimelineView(parts.timeline, payload.locale);
    this.timeline.adopt(payload.recorded);
    this.source = payload.source;
    this.staticCode = [...parts.code.childNodes];
    // Escape from the editor focuses the cell itself, from where keys reach reveal.js again.
    this.tabIndex = -1;

    if (cellsContext().isSpeakerView) {
      // The speaker view's frames show the recorded result only: nothing runs, nothing loads.
      this.dataset.speaker = '';
      return;
    }
    const saved = loadEdit(payload.deckId, payload.id, payload.source);
    if (saved !== null) {
      this.source = saved;
      parts.code.replaceChildren(plainSource(saved));
      this.setModified(true);
      // The recorded run belongs to the original code, not to this edit.
      this.showResult(null);
    } else if (payload.recorded?.error?.line !== undefined) {
      this.setProblem(toEditorProblem(payload.recorded.error));
    }
    for (const b of [parts.run, parts.edit, parts.reset]) b.disabled = false;
    this.addEventListener('click', this.onClick);
    isolateKeys(this, parts.code, {
      run: () => void this.start(),
      editing: () => this.editor !== null,
      openEditor: () => void this.openEditor(),
    });
    parts.code.addEventListener('pointerdown', this.onCodePointerDown);
  }

  /** Current state, as in data-state. */
  get state(): CellState {
    return (this.dataset.state as CellState | undefined) ?? 'idle';
  }

  // ---- events ----

  private onClick = (event: MouseEvent): void => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (!button || !this.contains(button) || button.disabled) return;
    switch (button.dataset.action) {
      case 'run':
        return void this.start();
      case 'stop':
        return this.stop();
      case 'reset':
        return this.reset();
      case 'edit':
        return void this.openEditor();
    }
  };

  private onCodePointerDown = (event: PointerEvent): void => {
    if (this.editor || event.button !== 0) return;
    const offset = sourceOffsetAt(this.parts.code, event.clientX, event.clientY);
    void this.openEditor(offset);
  };

  // ---- editing ----

  /** Load the editor (once) in place of the static code; put the cursor at `offset` if given. */
  async openEditor(offset: number | null = null): Promise<void> {
    if (cellsContext().isSpeakerView) return;
    this.editorLoading ??= import('./editor.js').then(
      ({ createEditor }) => {
        const host = document.createElement('div');
        host.className = 'k-editor';
        this.parts.code.replaceChildren(host);
        this.parts.code.removeAttribute('tabindex');
        const editor = createEditor(host, {
          source: this.source,
          lang: this.isPython ? 'python' : 'ts',
          label: `${this.text.code}: ${this.payload.title}`,
          onChange: (source) => this.onEdit(source),
        });
        if (this.problem) editor.setProblem(this.problem);
        this.editor = editor;
        this.dataset.editing = '';
        return editor;
      },
      (error: unknown) => {
        console.error('[kowakunai] the editor failed to load', error);
        this.editorLoading = null;
        return null;
      },
    );
    // Whoever opens the editor is about to edit: start esbuild-wasm now, not at the first Run (Python needs none).
    if (!this.isPython) warmCompiler();
    const editor = await this.editorLoading;
    if (!editor) return;
    if (offset !== null && offset <= editor.view.state.doc.length) {
      editor.view.dispatch({ selection: { anchor: offset }, scrollIntoView: true });
    }
    editor.focus();
  }

  private onEdit(source: string): void {
    this.source = source;
    this.setModified(source !== this.payload.source);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => saveEdit(this.payload.deckId, this.payload.id, this.payload.source, source), SAVE_DELAY_MS);
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.check(source), CHECK_DELAY_MS);
  }

  /** Compile while the user types, to mark errors in the editor and have Run start at once. */
  private async check(source: string): Promise<void> {
    if (source === this.payload.source || this.isPython) return this.setProblem(null);
    try {
      const js = await compileSource(source, this.sourcefile());
      if (this.source !== source) return;
      this.compiled = { source, js };
      this.setProblem(null);
      if (this.parts.error.dataset.kind === 'compile') this.showError(null);
    } catch (error) {
      if (this.source === source && error instanceof CompileFailure) this.setProblem(toEditorProblem(error.problem));
    }
  }

  private setProblem(problem: EditorProblem | null): void {
    this.problem = problem;
    this.editor?.setProblem(problem);
    // Without the editor, mark the line in the static (shiki) code; plain edited source has no lines to mark.
    for (const el of this.parts.code.querySelectorAll('.k-error-line')) el.classList.remove('k-error-line');
    if (problem && !this.editor) this.parts.code.querySelectorAll('.line')[problem.line - 1]?.classList.add('k-error-line');
  }

  // ---- running ----

  /** Run the cell (the Run button, Ctrl/Cmd+Enter). */
  async start(): Promise<void> {
    if (!this.upgraded || this.run || cellsContext().isSpeakerView) return;
    const run: ActiveRun = { stopped: false, discarded: false, t0: performance.now(), remoteNow: 0, frame: 0, lastTick: 0 };
    this.run = run;
    // the reader's own run replaces any presenter's run shown here
    this.mirrored = null;
    delete this.dataset.presenterRun;
    // A counter of runs started on this page: lets a test tell a new, already finished run from the old one.
    this.dataset.runs = String(Number(this.dataset.runs ?? 0) + 1);
    this.setState('running');
    this.parts.badge.hidden = true;
    this.showError(null);
    this.parts.elapsed.textContent = formatElapsed(0);

    // the build's program, its map put back where the runtime reads it (cell-compile.ts withoutInlineSourceMap)
    let js = withInlineSourceMap(this.payload.js, this.payload.sourceMap);
    const source = this.source;
    // Python is not compiled: the source runs as it is (errors show when it runs)
    if (this.isPython) js = source;
    else if (source !== this.payload.source) {
      if (this.compiled?.source === source) {
        js = this.compiled.js;
      } else {
        this.parts.status.textContent = this.text.compiling;
        try {
          js = await compileSource(source, this.sourcefile());
          this.compiled = { source, js };
        } catch (error) {
          if (run.discarded) return;
          this.run = null;
          const problem = error instanceof CompileFailure ? error.problem : { message: String(error) };
          this.setProblem(problem.line !== undefined ? toEditorProblem(problem) : null);
          this.showError(problem, 'compile');
          this.parts.status.textContent = this.text.compileError;
          this.parts.elapsed.textContent = '';
          this.setState('error');
          return;
        }
      }
    }
    const ctx = cellsContext();
    const emulateSlowApi = await ctx.emulateSlowApi().catch(() => true);
    if (run.discarded) return;
    if (run.stopped) return this.finish(run, this.lostResult('stopped', ''));

    this.setProblem(null);
    // Pyodide loads before the clock starts (2–4 s the first time): say so rather than tick
    this.parts.status.textContent = this.isPython ? this.text.loadingPython : this.text.running;
    this.output.clear();
    this.timeline.start();
    run.t0 = performance.now();
    if (!this.isPython) this.tick(run);
    run.handle = sandboxHost().run(
      { js, timeLimitMs: this.payload.timeLimitMs, baseUrl: pageUrl(), emulateSlowApi, lang: this.isPython ? 'python' : 'ts' },
      {
        onStarted: () => {
          this.announce({ type: 'started' });
          run.t0 = performance.now();
          if (this.isPython && this.run === run) {
            this.parts.status.textContent = this.text.running;
            this.tick(run);
          }
        },
        onProgress: (p) => {
          if (run.discarded) return;
          run.remoteNow = Math.max(run.remoteNow, p.now);
          this.announce({ type: 'progress', now: p.now, output: p.output, droppedLines: p.droppedLines, tasks: p.tasks, blocked: p.blocked });
          this.output.append(p.output);
          this.output.setDropped(p.droppedLines);
          this.timeline.update(p);
        },
        onEnded: (result) => this.finish(run, result),
        onLost: (status, message) => this.finish(run, this.lostResult(status, message)),
      },
    );
    if (run.stopped) run.handle.stop();
  }

  stop(): void {
    const run = this.run;
    if (!run || run.stopped) return;
    run.stopped = true;
    run.handle?.stop();
  }

  /** Back to the original code and the recorded result; the saved edit is forgotten. */
  reset(): void {
    if (!this.upgraded) return;
    if (this.run) {
      this.run.discarded = true;
      this.stop();
      this.endRun(this.run);
    }
    clearTimeout(this.saveTimer);
    clearTimeout(this.checkTimer);
    clearEdit(this.payload.deckId, this.payload.id);
    this.source = this.payload.source;
    this.compiled = null;
    this.editor?.destroy();
    this.editor = null;
    this.editorLoading = null;
    delete this.dataset.editing;
    this.parts.code.replaceChildren(...this.staticCode);
    this.parts.code.tabIndex = 0;
    this.setProblem(null);
    this.setModified(false);
    this.showResult(this.payload.recorded);
    this.setState('idle');
  }

  /** Elapsed time ticking live, and the timeline's open bars growing with it. */
  private tick(run: ActiveRun): void {
    run.frame = requestAnimationFrame((ts) => {
      if (this.run !== run) return;
      if (ts - run.lastTick >= TICK_MS) {
        run.lastTick = ts;
        const now = Math.max(performance.now() - run.t0, run.remoteNow);
        this.parts.elapsed.textContent = formatElapsed(now);
        this.timeline.setNow(now);
      }
      this.tick(run);
    });
  }

  private endRun(run: ActiveRun): void {
    cancelAnimationFrame(run.frame);
    this.timeline.stop();
    if (this.run === run) this.run = null;
  }

  private finish(run: ActiveRun, result: CellResult): void {
    this.endRun(run);
    if (run.discarded) return;
    this.announce({ type: 'ended', result });
    this.output.finish(result);
    this.timeline.show(result);
    this.parts.elapsed.textContent = formatElapsed(result.totalMs);
    // the unrounded time, for automation (elapsed shows 10 ms steps)
    this.setAttribute('data-total-ms', String(result.totalMs));
    this.parts.status.textContent = runStatusText(result.status, this.payload.timeLimitMs, this.text);
    this.showError(result.error ?? null, 'runtime');
    if (result.error?.line !== undefined) this.setProblem(toEditorProblem(result.error));
    this.setState(result.status);
  }

  /** What to show for a run the sandbox never finished (it stopped answering). */
  private lostResult(status: CellResult['status'], message: string): CellResult {
    const run = this.run;
    const snap = this.timeline.snapshot();
    const totalMs = run ? Math.max(performance.now() - run.t0, run.remoteNow) : snap.totalMs;
    return { ...snap, status, totalMs, output: [], droppedLines: 0, error: message ? { message } : undefined };
  }

  // ---- the presenter's run, shown on a follower (presenting mode) ----

  /** Tells the page about a run of this cell as it happens: in presenting mode the presenter relays it. */
  private announce(event: MirroredRunEvent): void {
    const detail = { id: this.payload.id, run: Number(this.dataset.runs ?? 0), event };
    this.dispatchEvent(new CustomEvent('live-cell:run', { bubbles: true, detail }));
  }

  /**
   * Shows one event of the presenter's run of this cell: output, elapsed time and timeline, marked as the
   * presenter's. Nothing runs here. A run of the reader's own in progress is left alone.
   */
  mirror(run: number, event: MirroredRunEvent): void {
    if (!this.upgraded || this.run) return;
    if (event.type === 'started') {
      this.mirrored = run;
      this.dataset.presenterRun = String(run);
      this.parts.badge.hidden = true;
      this.showError(null);
      this.output.clear();
      this.timeline.start();
      this.parts.elapsed.textContent = formatElapsed(0);
      this.parts.status.textContent = `${this.text.presenterRun} · ${this.text.running}`;
      this.setState('running');
      // the reader may still run their own copy (it replaces this one); Stop is the presenter's
      this.parts.run.disabled = false;
      this.parts.stop.disabled = true;
      return;
    }
    if (this.mirrored !== run) return;
    if (event.type === 'progress') {
      this.output.append(event.output);
      this.output.setDropped(event.droppedLines);
      this.timeline.update({ ...event, runId: `presenter-${run}` });
      this.parts.elapsed.textContent = formatElapsed(event.now);
      return;
    }
    const { result } = event;
    const snap = this.timeline.snapshot();
    this.timeline.stop();
    this.mirrored = null;
    this.output.finish({ ...result, output: [] });
    this.timeline.show(result.tasks.length ? result : { ...result, tasks: snap.tasks, blocked: snap.blocked });
    this.parts.elapsed.textContent = formatElapsed(result.totalMs);
    this.parts.status.textContent = `${this.text.presenterRun} · ${runStatusText(result.status, this.payload.timeLimitMs, this.text)}`;
    this.showError(result.error ?? null, 'runtime');
    this.setState(result.status);
  }

  // ---- view ----

  private showResult(result: CellResult | null): void {
    this.output.show(result);
    this.timeline.show(result);
    this.parts.badge.hidden = result === null;
    this.parts.elapsed.textContent = result ? formatElapsed(result.totalMs) : '';
    this.parts.status.textContent = result ? runStatusText(result.status, this.payload.timeLimitMs, this.text) : '';
    this.showError(result?.error ?? null, 'runtime');
    this.setProblem(result?.error?.line !== undefined ? toEditorProblem(result.error) : null);
  }

  private showError(error: CellError | CompileProblem | null, kind: 'compile' | 'runtime' = 'runtime'): void {
    const el = this.parts.error;
    el.hidden = error === null;
    el.textContent = error ? cellErrorText(error, this.text) : '';
    if (error) el.dataset.kind = kind;
    else delete el.dataset.kind;
  }

  private setModified(modified: boolean): void {
    this.toggleAttribute('data-modified', modified);
    this.parts.modified.hidden = !modified;
  }

  private setState(state: CellState): void {
    this.dataset.state = state;
    const running = state === 'running';
    this.parts.run.disabled = running;
    this.parts.stop.disabled = !running;
    this.parts.output.setAttribute('aria-busy', String(running));
    this.dispatchEvent(new CustomEvent('live-cell:state', { bubbles: true, detail: { id: this.payload.id, state } }));
  }

  private sourcefile(): string {
    return `${this.payload.id}.ts`;
  }

  /** A Python cell (runs on Pyodide in the sandbox) rather than TypeScript. */
  private get isPython(): boolean {
    return this.payload.lang === 'python';
  }
}

/** The deck page's URL without its #/slide hash: relative URLs in cells resolve against it. */
function pageUrl(): string {
  const url = new URL(location.href);
  url.hash = '';
  return url.href;
}

function toEditorProblem(p: { message: string; line?: number; column?: number }): EditorProblem {
  return { line: p.line ?? 1, column: p.column, message: p.message };
}
