/**
 * <live-cell>: upgrades a cell built by render-cell.ts in place.
 *
 * States (data-state): idle → running → done | error | stopped | timeout, and from any of those back
 * to running (Run) or idle (Reset). The static HTML already shows the recorded run, so until the user
 * acts nothing is loaded: the editor chunk loads on the first click into the code (or Edit), the
 * compiler worker when an edit needs compiling, the sandbox frame on the first Run.
 */
import { withInlineSourceMap } from '../../shared/cell-compile.js';
import { cellText, formatElapsed, runStatusText, type CellText } from '../../shared/format.js';
import type { MirroredRunEvent } from '../../shared/follow-protocol.js';
import type { CellPayload, CellResult } from '../../shared/types.js';
import { findParts, pageUrl, plainSource, readPayload, sourceOffsetAt, toEditorProblem, type CellParts } from './cell-dom.js';
import { CompileFailure, compileSource, warmCompiler } from './compiler.js';
import { isolateKeys } from './cell-keys.js';
import { cellsContext, sandboxHost } from './context.js';
import type { CellEditor, EditorProblem } from './editor.js';
import { PresenterRun } from './presenter-run.js';
import { newRun, tickRun, type ActiveRun } from './active-run.js';
import { sourceMapOf } from './source-maps.js';
import { clearEdit, loadEdit, saveEdit } from './storage.js';
import { CellVersions, codeOnScreen, followSteps, putCode } from './cell-versions.js';
import { CellView } from './cell-view.js';

export type CellState = 'idle' | 'running' | CellResult['status'];

const SAVE_DELAY_MS = 300;
const CHECK_DELAY_MS = 500;

export class LiveCell extends HTMLElement {
  private payload!: CellPayload;
  private text!: CellText;
  private parts!: CellParts;
  private view!: CellView;
  private upgraded = false;
  private source = '';
  private compiled: { source: string; js: string } | null = null;
  private staticCode: Node[] = [];
  /** a cell with steps: which version is on screen (cell-versions.ts) */
  private versions!: CellVersions;
  private editor: CellEditor | null = null;
  private editorLoading: Promise<CellEditor | null> | null = null;
  private problem: EditorProblem | null = null;
  private run: ActiveRun | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** the presenter's run shown here (presenting mode) */
  private presenter = new PresenterRun(() => ({ view: this.view, timeLimitMs: this.payload.timeLimitMs }));
  private checkTimer: ReturnType<typeof setTimeout> | undefined;

  /** Draws the timeline for a box of this size (cell-fit.ts: rows as tall as the room allows). */
  fitTimeline(width: number, maxHeight: number): void {
    this.view?.timeline.fitTo(width, maxHeight);
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
    this.view = new CellView(this, parts, this.text, payload.locale, () => this.payload.id);
    this.view.timeline.adopt(payload.recorded);
    this.source = payload.source;
    this.versions = new CellVersions(payload);
    this.staticCode = [...parts.code.childNodes];
    // Escape from the editor focuses the cell itself, from where keys reach reveal.js again.
    this.tabIndex = -1;

    if (cellsContext().isSpeakerView) {
      // The speaker view's frames show the recorded result only: nothing runs, nothing loads.
      this.dataset.speaker = '';
      return followSteps(parts.code, (n) => this.showVersion(n));
    }
    const saved = loadEdit(payload.deckId, this.versions.editKey(), payload.source);
    if (saved !== null) {
      this.source = saved;
      putCode(parts.code, this.staticCode, [plainSource(saved)]);
      this.view.setModified(true);
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
    followSteps(parts.code, (n) => this.showVersion(n));
  }

  /** Current state, as in data-state. */
  get state(): CellState {
    return (this.dataset.state as CellState | undefined) ?? 'idle';
  }

  // ---- events ----

  private onClick = (event: MouseEvent): void => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (!button || !this.contains(button) || button.disabled) return;
    const actions: Record<string, () => unknown> = { run: () => this.start(), stop: () => this.stop(), reset: () => this.reset(), edit: () => this.openEditor() };
    void actions[button.dataset.action ?? '']?.();
  };

  private onCodePointerDown = (event: PointerEvent): void => {
    if (this.editor || event.button !== 0) return;
    const offset = sourceOffsetAt(codeOnScreen(this.parts.code), event.clientX, event.clientY);
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
        putCode(this.parts.code, this.staticCode, [host]);
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
    this.view.setModified(source !== this.payload.source);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => saveEdit(this.payload.deckId, this.versions.editKey(), this.payload.source, source), SAVE_DELAY_MS);
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
      if (this.parts.error.dataset.kind === 'compile') this.view.showError(null);
    } catch (error) {
      if (this.source === source && error instanceof CompileFailure) this.setProblem(toEditorProblem(error.problem));
    }
  }

  private setProblem(problem: EditorProblem | null): void {
    this.problem = problem;
    this.editor?.setProblem(problem);
    // Without the editor, mark the line in the static (shiki) code; plain edited source has no lines to mark.
    for (const el of this.parts.code.querySelectorAll('.k-error-line')) el.classList.remove('k-error-line');
    if (problem && !this.editor) codeOnScreen(this.parts.code).querySelectorAll('.line')[problem.line - 1]?.classList.add('k-error-line');
  }

  // ---- running ----

  /** Run the cell (the Run button, Ctrl/Cmd+Enter). */
  async start(): Promise<void> {
    if (!this.upgraded || this.run || cellsContext().isSpeakerView) return;
    const run = newRun();
    this.run = run;
    // the reader's own run replaces any presenter's run shown here
    this.presenter.forget();
    // A counter of runs started on this page: lets a test tell a new, already finished run from the old one.
    this.dataset.runs = String(Number(this.dataset.runs ?? 0) + 1);
    this.view.setState('running');
    this.parts.badge.hidden = true;
    this.view.showError(null);
    this.parts.elapsed.textContent = formatElapsed(0);

    // the build's program, its map put back where the runtime reads it (cell-compile.ts withoutInlineSourceMap)
    const map = this.payload.sourceMap ?? (this.isPython ? undefined : await sourceMapOf(this.payload.mapId ?? this.payload.id));
    let js = withInlineSourceMap(this.payload.js, map);
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
          this.view.showError(problem, 'compile');
          this.parts.status.textContent = this.text.compileError;
          this.parts.elapsed.textContent = '';
          this.view.setState('error');
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
    this.view.output.clear();
    this.view.timeline.start();
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
          this.view.output.append(p.output);
          this.view.output.setDropped(p.droppedLines);
          this.view.timeline.update(p);
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
    clearEdit(this.payload.deckId, this.versions.editKey());
    this.source = this.payload.source;
    this.compiled = null;
    this.editor?.destroy();
    this.editor = null;
    this.editorLoading = null;
    delete this.dataset.editing;
    putCode(this.parts.code, this.staticCode, null);
    this.parts.code.tabIndex = 0;
    this.setProblem(null);
    this.view.setModified(false);
    this.showResult(this.payload.recorded);
    this.view.setState('idle');
  }

  /** Shows version `n` of a cell with steps (cell-versions.ts): its code, its own saved edit, its recorded run. */
  private showVersion(n: number): void {
    // a copy of a cell (a print page per version) may arrive showing another version than its own
    if ((n === this.versions.n && this.dataset.version === String(n)) || n >= this.versions.count) return;
    if (this.run) {
      this.run.discarded = true;
      this.stop();
      this.endRun(this.run);
    }
    clearTimeout(this.checkTimer);
    // an edit still waiting for its save is kept, under the version it belongs to
    clearTimeout(this.saveTimer);
    if (this.source !== this.payload.source) saveEdit(this.payload.deckId, this.versions.editKey(), this.payload.source, this.source);
    this.versions.n = n;
    this.dataset.version = String(n);
    this.payload = this.versions.payload(n);
    this.compiled = null;
    const saved = this.dataset.speaker === undefined ? loadEdit(this.payload.deckId, this.versions.editKey(), this.payload.source) : null;
    this.source = saved ?? this.payload.source;
    if (this.editor) this.editor.setSource(this.source);
    else putCode(this.parts.code, this.staticCode, saved === null ? null : [plainSource(saved)]);
    this.removeAttribute('data-total-ms');
    this.view.setModified(saved !== null);
    this.showResult(saved === null ? this.payload.recorded : null);
    // the speaker view's frames show the recorded run only: their buttons stay off
    if (this.dataset.speaker === undefined) this.view.setState('idle');
  }

  /** Elapsed time ticking live, and the timeline's open bars growing with it. */
  private tick(run: ActiveRun): void {
    tickRun(run, () => this.run === run, (now) => {
      this.parts.elapsed.textContent = formatElapsed(now);
      this.view.timeline.setNow(now);
    });
  }

  private endRun(run: ActiveRun): void {
    cancelAnimationFrame(run.frame);
    this.view.timeline.stop();
    if (this.run === run) this.run = null;
  }

  private finish(run: ActiveRun, result: CellResult): void {
    this.endRun(run);
    if (run.discarded) return;
    this.announce({ type: 'ended', result });
    this.view.output.finish(result);
    this.view.timeline.show(result);
    this.parts.elapsed.textContent = formatElapsed(result.totalMs);
    // the unrounded time, for automation (elapsed shows 10 ms steps)
    this.setAttribute('data-total-ms', String(result.totalMs));
    this.parts.status.textContent = runStatusText(result.status, this.payload.timeLimitMs, this.text);
    this.view.showError(result.error ?? null, 'runtime');
    if (result.error?.line !== undefined) this.setProblem(toEditorProblem(result.error));
    this.view.setState(result.status);
  }

  /** What to show for a run the sandbox never finished (it stopped answering). */
  private lostResult(status: CellResult['status'], message: string): CellResult {
    const run = this.run;
    const snap = this.view.timeline.snapshot();
    const totalMs = run ? Math.max(performance.now() - run.t0, run.remoteNow) : snap.totalMs;
    return { ...snap, status, totalMs, output: [], droppedLines: 0, error: message ? { message } : undefined };
  }

  // ---- the presenter's run, shown on a follower (presenting mode) ----

  /** Tells the page about a run of this cell as it happens: in presenting mode the presenter relays it. */
  private announce(event: MirroredRunEvent): void {
    const detail = { id: this.payload.id, run: Number(this.dataset.runs ?? 0), event };
    this.dispatchEvent(new CustomEvent('live-cell:run', { bubbles: true, detail }));
  }

  /** Shows one event of the presenter's run of this cell (presenter-run.ts); a run of the reader's own in progress is left alone. */
  mirror(run: number, event: MirroredRunEvent): void {
    if (this.upgraded && !this.run) this.presenter.show(run, event);
  }

  // ---- view ----

  private showResult(result: CellResult | null): void {
    this.view.showResult(result, this.payload.timeLimitMs);
    this.setProblem(result?.error?.line !== undefined ? toEditorProblem(result.error) : null);
  }

  private sourcefile(): string {
    return `${this.payload.id}.ts`;
  }

  /** A Python cell (runs on Pyodide in the sandbox) rather than TypeScript. */
  private get isPython(): boolean {
    return this.payload.lang === 'python';
  }
}
