/**
 * The output region of a cell: lines stream in (each stamped with its time since the start) and the
 * DOM stays bounded — only the last OUTPUT_SHOWN_LINES lines exist as elements, the earlier ones are
 * counted in an "… N earlier lines not shown" note; lines the runtime dropped at its own limit (it
 * keeps the first MAX_OUTPUT_LINES and counts the rest) get a second note below the lines. Lines are buffered and
 * written a frame's worth at a time, and a batch larger than the window only ever creates the window's worth of
 * elements, so a cell printing 100,000 lines costs a few thousand element creations, not 100,000 layouts. The
 * sandbox caps each line and the run's total (src/sandbox/caps.ts), so one giant line never reaches this page whole.
 *
 * Markup matches renderOutput() in src/node/pipeline/cells/render-cell.ts (the static, recorded version).
 */
import { formatStamp, OUTPUT_SHOWN_LINES, type CellText } from '../../shared/format.js';
import type { CellResult, OutputLine } from '../../shared/types.js';

/** What one animation frame writes at most: a few ms of DOM work on a slow machine. */
const FRAME_LINES = 50;
const FRAME_CHARS = 40_000;

export class OutputView {
  private readonly lines: HTMLOListElement;
  private readonly earlier: HTMLElement;
  private readonly droppedNote: HTMLElement;
  private readonly ret: HTMLElement;
  private pending: OutputLine[] = [];
  /** lines received but no longer (or never) in the DOM: the earliest ones */
  private hidden = 0;
  /** lines the runtime counted but did not send */
  private dropped = 0;
  private received = 0;
  private frame = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly text: CellText,
    private readonly max = OUTPUT_SHOWN_LINES,
  ) {
    this.earlier = part(root, 'output-earlier', 'div', 'k-out-more');
    this.lines = part(root, 'output-lines', 'ol', 'k-out-lines') as HTMLOListElement;
    this.droppedNote = part(root, 'output-dropped', 'div', 'k-out-more k-out-dropped');
    this.ret = part(root, 'return-value', 'div', 'k-out-return');
    // A thousand lines must not make every frame re-lay out the slide: the region is its own layout and paint
    // island, and lines scrolled out of sight are skipped (measured: 97 ms layouts per frame without this).
    root.style.contain = 'content';
  }

  /** Empty the region for a new run. */
  clear(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pending = [];
    this.hidden = this.dropped = this.received = 0;
    this.lines.replaceChildren();
    this.showMore();
    this.setReturnValue(undefined);
  }

  /** Queue streamed lines; they are written on the next animation frame. */
  append(lines: readonly OutputLine[]): void {
    if (lines.length === 0) return;
    this.received += lines.length;
    for (const l of lines) this.pending.push(l);
    // Keep the buffer itself bounded too when frames are slow (a background tab has none).
    if (this.pending.length > this.max * 2) {
      const cut = this.pending.length - this.max;
      this.pending.splice(0, cut);
      this.hidden += cut;
    }
    // the run's first lines show at once (the presenter is watching for them); later ones per frame
    if (this.lines.childElementCount === 0) this.flush();
    else this.frame ||= requestAnimationFrame(() => this.flush());
  }

  /** The runtime's running count of lines it dropped (not sent). */
  setDropped(total: number): void {
    if (total > this.dropped) {
      this.dropped = total;
      this.showMore();
    }
  }

  /**
   * The run ended: streamed lines stay; lines printed after the last progress batch (they arrive only
   * in the result) are added. Streamed lines are a prefix of result.output — the runtime keeps the
   * first lines and counts the rest — so the missing ones are its tail.
   */
  finish(result: CellResult): void {
    if (this.received < result.output.length) this.append(result.output.slice(this.received));
    this.flush();
    // (max: a run the host gave up on comes with an empty result; keep what progress said)
    this.dropped = Math.max(this.dropped, result.droppedLines);
    this.showMore();
    this.setReturnValue(result.returnValue);
  }

  /** Show a complete result at once (the recorded one). */
  show(result: CellResult | null): void {
    this.clear();
    if (!result) return;
    this.append(result.output);
    this.flush();
    this.dropped = result.droppedLines;
    this.showMore();
    this.setReturnValue(result.returnValue);
  }

  /**
   * Writes pending lines, at most one frame's worth (FRAME_LINES lines, FRAME_CHARS characters); the rest follow on
   * the next frames. Even within the sandbox's caps, 2,000 long lines written at once would be one long task on the
   * deck's main thread, and the presenter's next keypress would wait for it.
   */
  flush(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.pending.length === 0) return;
    if (this.pending.length > this.max) {
      const cut = this.pending.length - this.max;
      this.pending.splice(0, cut);
      this.hidden += cut;
    }
    let take = 0;
    for (let chars = 0; take < this.pending.length && take < FRAME_LINES; take++) {
      chars += this.pending[take].text.length;
      if (chars > FRAME_CHARS && take > 0) break;
    }
    const batch = this.pending.splice(0, take);
    const atBottom = this.root.scrollTop + this.root.clientHeight >= this.root.scrollHeight - 8;
    const frag = document.createDocumentFragment();
    for (const line of batch) frag.appendChild(lineElement(line));
    this.lines.appendChild(frag);
    let excess = this.lines.childElementCount - this.max;
    this.hidden += Math.max(0, excess);
    while (excess-- > 0) this.lines.firstElementChild?.remove();
    this.showMore();
    // Follow the output while the reader is at the bottom; leave them alone if they scrolled up.
    if (atBottom) this.root.scrollTop = this.root.scrollHeight;
    if (this.pending.length > 0) this.frame = requestAnimationFrame(() => this.flush());
  }

  private showMore(): void {
    note(this.earlier, this.hidden, this.text.earlierLines);
    note(this.droppedNote, this.dropped, this.text.droppedLines);
  }

  private setReturnValue(value: string | undefined): void {
    this.ret.hidden = value === undefined;
    this.ret.replaceChildren();
    if (value === undefined) return;
    const label = document.createElement('span');
    label.className = 'k-out-return-label';
    label.textContent = this.text.returnValue;
    const code = document.createElement('code');
    code.textContent = value;
    this.ret.append(label, ' ', code);
  }
}

function lineElement(line: OutputLine): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'k-out-line';
  li.dataset.stream = line.stream;
  const t = document.createElement('span');
  t.className = 'k-out-t';
  t.textContent = formatStamp(line.t);
  const text = document.createElement('span');
  text.className = 'k-out-text';
  text.textContent = line.text;
  li.append(t, text);
  return li;
}

function note(el: HTMLElement, n: number, words: (n: number) => string): void {
  el.hidden = n === 0;
  el.textContent = n === 0 ? '' : words(n);
}

/** Find a part of the region by data-role, creating it (in this order) if the static HTML lacks it. */
function part(root: HTMLElement, role: string, tag: string, className: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[data-role="${role}"]`);
  if (found) return found;
  const el = document.createElement(tag);
  el.className = className;
  el.dataset.role = role;
  root.append(el);
  return el;
}
