/**
 * The deck's strokes: kept in localStorage per deck (they survive a reload), mirrored to the other windows of the
 * talk in this browser (BroadcastChannel: a second screen, the twin deck, the speaker view's slide frames), and
 * announced on the document for the presenting mode to relay (src/page/present/presenter.ts).
 */
import { PEN_OP_EVENT, PEN_REMOTE_EVENT, PEN_RESEND_EVENT } from './pen-events.js';
import { applyPenOp, penStorageKey as storageKey, parseDrawings, parsePenOp, slideOps, type Drawings, type PenOp, type Stroke } from '../../shared/pen.js';



export type OpSource = 'local' | 'window' | 'remote';

export interface PenStoreOptions {
  deckId: string;
  /** this deck and its twins: one channel for the talk in every language */
  talk: string[];
  /** a mirror only (the speaker view's frames, an audience member's deck): never writes the storage */
  persist: () => boolean;
  /** the slides an op changed: draw them again */
  changed: (slides: string[]) => void;
}

interface WindowMessage {
  from: string;
  op: PenOp;
}

export class PenStore {
  readonly drawings: Drawings;
  private readonly id = Math.random().toString(36).slice(2);
  private readonly channel: BroadcastChannel | null;
  /** per slide, what it held before each of this window's own changes */
  private readonly undoStacks = new Map<string, Stroke[][]>();

  constructor(private readonly opts: PenStoreOptions) {
    this.drawings = load(opts.deckId);
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`kowakunai-pen:${[...opts.talk].sort().join('+')}`);
    this.channel?.addEventListener('message', (e: MessageEvent<WindowMessage>) => {
      const op = e.data?.from !== this.id ? parsePenOp(e.data?.op) : null;
      if (op) this.apply(op, 'window');
    });
    document.addEventListener(PEN_REMOTE_EVENT, (e) => {
      const op = parsePenOp((e as CustomEvent<unknown>).detail);
      if (op) this.apply(op, 'remote');
    });
    document.addEventListener(PEN_RESEND_EVENT, () => this.announce());
  }

  strokes(slide: string): Stroke[] {
    return this.drawings[slide] ?? [];
  }

  /** Remembers the slide as it is, for undo; called before a change of this window's own. */
  checkpoint(slide: string): void {
    const stack = this.undoStacks.get(slide) ?? [];
    stack.push(this.strokes(slide).map((s) => ({ ...s })));
    if (stack.length > 100) stack.shift();
    this.undoStacks.set(slide, stack);
  }

  undo(slide: string): boolean {
    const before = this.undoStacks.get(slide)?.pop();
    if (!before) return false;
    this.apply({ op: 'put', slide, strokes: before }, 'local');
    return true;
  }

  apply(op: PenOp, source: OpSource): void {
    const changed = applyPenOp(this.drawings, op);
    if (this.opts.persist()) save(this.opts.deckId, this.drawings);
    if (source === 'local') {
      this.channel?.postMessage({ from: this.id, op } satisfies WindowMessage);
      this.relay(op);
    }
    this.opts.changed(changed);
  }

  /** Every stroke, as ops that each fit a request, for the presenting server. */
  announce(): void {
    this.relay({ op: 'all', drawings: {} });
    for (const [slide, strokes] of Object.entries(this.drawings)) for (const op of slideOps(slide, strokes)) this.relay(op);
  }

  /** The file `kowakunai pdf --with-drawings` reads. */
  toFile(): string {
    return JSON.stringify({ kowakunai: 'drawings', deck: this.opts.deckId, drawings: this.drawings }, null, 1);
  }

  private relay(op: PenOp): void {
    document.dispatchEvent(new CustomEvent(PEN_OP_EVENT, { detail: op }));
  }
}

function load(deckId: string): Drawings {
  try {
    return parseDrawings(JSON.parse(localStorage.getItem(storageKey(deckId)) ?? '{}')) ?? {};
  } catch {
    return {};
  }
}

function save(deckId: string, drawings: Drawings): void {
  try {
    if (Object.keys(drawings).length) localStorage.setItem(storageKey(deckId), JSON.stringify(drawings));
    else localStorage.removeItem(storageKey(deckId));
  } catch {
    // storage full or refused: the strokes stay for this page's life
  }
}
