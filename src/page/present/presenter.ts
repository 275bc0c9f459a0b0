/**
 * The presenter's deck in presenting mode: publishes its place (section, step, blackout) to the server, obeys the
 * remote's commands, relays the runs of its cells to the followers, and turns the mouse into a laser pointer (D).
 */
import type { RevealApi } from 'reveal.js';
import { PRESENT_BASE, trimLines, utf8Length, type ControlCommand, type MirroredRunEvent } from '../../shared/follow-protocol.js';
import { onDemoSwitch, positionOf } from '../deck-position.js';
import { ControlChannel } from './control-channel.js';
import { LaserPointer, pointerIn } from './laser-pointer.js';
import { PEN_OP_EVENT, PEN_RESEND_EVENT, PEN_TOGGLE_EVENT } from '../pen/pen-events.js';

/** a relayed batch stays well under the server's body limit (8 KB, in UTF-8 bytes): room for the tasks, and for output lines */
const TASKS_BYTES = 3500;
const LINES_BYTES = 3000;

export class Presenter {
  private readonly channel: ControlChannel;
  private readonly laser: LaserPointer;
  private seq = 0;
  private laserOn = false;
  private pointerFrame = 0;

  constructor(
    private readonly deck: RevealApi,
    private readonly deckId: string,
    private readonly key: string,
  ) {
    this.channel = new ControlChannel(key);
    this.laser = new LaserPointer(deck.getSlidesElement() as HTMLElement);
  }

  start(): void {
    document.documentElement.dataset.presenting = 'presenter';
    for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden', 'paused', 'resumed']) this.deck.on(event, () => this.publish());
    onDemoSwitch(() => this.publish());
    this.publish();
    this.listen();
    // lines relayed per cell in the current run: a run's end may carry lines no progress batch did
    const relayed = new Map<string, number>();
    document.addEventListener('live-cell:run', (e) => {
      const { id, run, event } = (e as CustomEvent<{ id: string; run: number; event: MirroredRunEvent }>).detail;
      const sent = event.type === 'started' ? 0 : (relayed.get(id) ?? 0);
      relayed.set(id, sent + (event.type === 'progress' ? event.output.length : 0));
      for (const part of splitRunEvent(event, sent)) this.channel.send('run', { cell: id, run, event: part });
    });
    this.deck.addKeyBinding({ keyCode: 68, key: 'D', description: 'Laser pointer: the mouse becomes a red dot (on followers too)' }, () => this.toggleLaser());
    document.addEventListener('mousemove', (e) => this.laserOn && this.movePointer(e));
    // the pen's strokes go to the followers; the server may have restarted and hold none: send them all
    document.addEventListener(PEN_OP_EVENT, (e) => this.channel.send('pen', (e as CustomEvent<unknown>).detail));
    document.dispatchEvent(new Event(PEN_RESEND_EVENT));
  }

  private publish(): void {
    this.seq += 1;
    this.channel.send('state', { deck: this.deckId, pos: positionOf(this.deck), paused: this.deck.isPaused(), seq: this.seq, movedAt: Date.now() });
  }

  /** The remote's commands arrive on a stream of their own; EventSource reconnects by itself. */
  private listen(): void {
    const stream = new EventSource(`${PRESENT_BASE}presenter?key=${encodeURIComponent(this.key)}`);
    stream.addEventListener('open', () => {
      this.publish();
      document.dispatchEvent(new Event(PEN_RESEND_EVENT));
    });
    stream.addEventListener('command', (e) => this.obey(JSON.parse((e as MessageEvent<string>).data) as ControlCommand));
  }

  private obey(command: ControlCommand): void {
    const cell = this.currentCell();
    switch (command.action) {
      case 'next':
        return this.deck.next();
      case 'prev':
        return this.deck.prev();
      case 'blackout':
        return this.deck.togglePause();
      case 'run':
        return void cell?.start();
      case 'stop':
        return cell?.stop();
      case 'pointer':
        return this.laser.show(command);
      case 'pen':
        return void document.dispatchEvent(new Event(PEN_TOGGLE_EVENT));
    }
  }

  /** The cell the remote's Run and Stop mean: the visible one on the current slide. */
  private currentCell(): (HTMLElement & { start(): Promise<void>; stop(): void }) | null {
    const cells = [...this.deck.getCurrentSlide().querySelectorAll<HTMLElement>('live-cell')].filter((c) => !c.closest('[hidden]'));
    return (cells[0] as (HTMLElement & { start(): Promise<void>; stop(): void }) | undefined) ?? null;
  }

  private toggleLaser(): void {
    this.laserOn = !this.laserOn;
    document.documentElement.classList.toggle('k-laser-on', this.laserOn);
    if (!this.laserOn) this.channel.send('command', { action: 'pointer', on: false, x: 0, y: 0 });
  }

  /** at most one pointer position a frame */
  private movePointer(e: MouseEvent): void {
    if (this.pointerFrame) return;
    this.pointerFrame = requestAnimationFrame(() => {
      this.pointerFrame = 0;
      const at = pointerIn(this.deck.getSlidesElement() as HTMLElement, e);
      const p = at ? { on: true, ...at } : { on: false, x: 0, y: 0 };
      this.laser.show(p);
      this.channel.send('command', { action: 'pointer', ...p });
    });
  }
}

/** A run event in pieces the server accepts: long lines cut, a big batch of output split, an end without output. */
export function splitRunEvent(event: MirroredRunEvent, linesSent = 0): MirroredRunEvent[] {
  if (event.type === 'started') return [event];
  if (event.type === 'ended') {
    const { output, droppedLines, totalMs } = event.result;
    const tail = output.length > linesSent ? splitRunEvent({ type: 'progress', now: totalMs, output: output.slice(linesSent), droppedLines, tasks: [], blocked: [] }) : [];
    const result = { ...event.result, output: [], error: event.result.error ? { ...event.result.error, stack: undefined } : undefined };
    if (result.returnValue && result.returnValue.length > 1000) result.returnValue = `${result.returnValue.slice(0, 1000)}…`;
    const small = utf8Length(JSON.stringify(result)) < TASKS_BYTES + LINES_BYTES;
    return [...tail, { type: 'ended', result: small ? result : { ...result, tasks: [], blocked: [] } }];
  }
  const lines = trimLines(event.output);
  const pieces: MirroredRunEvent[] = [];
  let batch: typeof lines = [];
  let size = 0;
  const tasksFit = utf8Length(JSON.stringify(event.tasks)) + utf8Length(JSON.stringify(event.blocked)) < TASKS_BYTES;
  const flush = (last: boolean) => {
    pieces.push({ ...event, output: batch, tasks: last && tasksFit ? event.tasks : [], blocked: last && tasksFit ? event.blocked : [] });
    batch = [];
    size = 0;
  };
  for (const line of lines) {
    const bytes = utf8Length(JSON.stringify(line));
    if (size + bytes > LINES_BYTES && batch.length) flush(false);
    batch.push(line);
    size += bytes;
  }
  flush(true);
  return pieces;
}
