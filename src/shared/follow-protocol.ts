/**
 * Presenting across devices: what the presenter's deck, the phone remote, the audience's decks and the
 * presenting server (src/node/server/present.ts) say to each other. Positions are sections and steps, not
 * only slide numbers, so a follower of the Japanese deck can read along in the English twin.
 */
import type { BlockedSpan, CellResult, OutputLine, TaskSpan } from './types.js';

/** Where a deck is: the slide's `data-section`, which of that section's slides, and the step (fragment). */
export interface DeckPosition {
  section: string;
  /** 0 for the first slide of the section, 1 for the second … */
  nth: number;
  /** reveal.js indices in the presenter's own deck: the fallback when a deck has no such section */
  h: number;
  v: number;
  /** fragment step; -1 before the first */
  f: number;
  /** the language shown in the slide's <Twins> demo ('python', 'ts'), when it has one */
  demo?: string;
}

/** The presenter's state, as the server holds and broadcasts it. */
export interface PresenterState {
  deck: string;
  pos: DeckPosition;
  /** blackout (reveal.js's pause, B) */
  paused: boolean;
  /** increases with every move: lets a follower (and the bench) tell moves apart */
  seq: number;
  /** the presenter's clock when the move was made (ms since the epoch), for delay measurement */
  movedAt: number;
}

/** What a follower receives on the `state` event: the state plus the server's clock and the talk's start. */
export interface FollowState extends PresenterState {
  serverNow: number;
  /** when the presenter first connected (ms since the epoch, server clock) */
  startedAt: number;
}

/** One event of a run of the presenter's, relayed to followers (what <live-cell> renders). */
export type MirroredRunEvent =
  | { type: 'started' }
  | { type: 'progress'; now: number; output: OutputLine[]; droppedLines: number; tasks: TaskSpan[]; blocked: BlockedSpan[] }
  | { type: 'ended'; result: CellResult };

export interface MirroredRun {
  cell: string;
  /** counts the presenter's runs of the page: a follower tells a new run from the last one */
  run: number;
  event: MirroredRunEvent;
}

/** A laser-pointer position in the slide's box (0..1), or off. */
export interface PointerState {
  on: boolean;
  x: number;
  y: number;
}

/** What the remote (or anything holding the key) may ask the presenter's deck to do. */
export type ControlCommand =
  | { action: 'next' }
  | { action: 'prev' }
  | { action: 'run' }
  | { action: 'stop' }
  | { action: 'blackout' }
  /** the pen on the presenter's deck, on or off (P) */
  | { action: 'pen' }
  | ({ action: 'pointer' } & PointerState);

export const CONTROL_ACTIONS: ControlCommand['action'][] = ['next', 'prev', 'run', 'stop', 'blackout', 'pointer', 'pen'];

/** Where the presenting server answers. */
export const PRESENT_BASE = '/__kowakunai/present/';
/** The header control requests carry the key in (the presenter's command stream, an EventSource, uses ?key=). */
export const KEY_HEADER = 'x-kowakunai-key';
/** The query parameter the remote and presenter URLs carry the key in; the pages move it out of the URL at once. */
export const KEY_PARAM = 'key';
/** Every request body the presenting server accepts is smaller than this: a state, a command, a run's batch. */
export const MAX_BODY_BYTES = 8 * 1024;
/** Added to deck pages served in presenting mode (never written to dist/): the page then follows or presents. */
export const PRESENT_MARKER = '<meta name="kowakunai-present" content="1">';

/** Checks a parsed control request body. */
export function parseCommand(value: unknown): ControlCommand | null {
  if (!value || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  if (!CONTROL_ACTIONS.includes(c.action as ControlCommand['action'])) return null;
  if (c.action !== 'pointer') return { action: c.action } as ControlCommand;
  const x = Number(c.x);
  const y = Number(c.y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  return { action: 'pointer', on: c.on === true, x: Math.min(1, Math.max(0, x)), y: Math.min(1, Math.max(0, y)) };
}

/** Checks a parsed presenter state. */
export function parseState(value: unknown): PresenterState | null {
  if (!value || typeof value !== 'object') return null;
  const s = value as Record<string, unknown>;
  const pos = s.pos as Record<string, unknown> | undefined;
  if (typeof s.deck !== 'string' || !/^[\w-]{1,100}$/.test(s.deck) || !pos || typeof pos !== 'object') return null;
  const ints = [pos.nth, pos.h, pos.v, pos.f];
  if (typeof pos.section !== 'string' || pos.section.length > 200 || !ints.every((n) => Number.isInteger(n))) return null;
  return {
    deck: s.deck,
    pos: {
      section: pos.section,
      nth: pos.nth as number,
      h: pos.h as number,
      v: pos.v as number,
      f: pos.f as number,
      ...(typeof pos.demo === 'string' && /^[\w-]{1,20}$/.test(pos.demo) ? { demo: pos.demo } : {}),
    },
    paused: s.paused === true,
    seq: Number.isFinite(s.seq) ? (s.seq as number) : 0,
    movedAt: Number.isFinite(s.movedAt) ? (s.movedAt as number) : 0,
  };
}

/** The size of a request body as the server counts it: UTF-8 bytes (a Japanese character is three). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Cuts long output lines of a relayed batch: a follower's copy shows the run, not a 10,000-character line. */
export function trimLines(lines: OutputLine[], maxChars = 400): OutputLine[] {
  return lines.map((l) => (l.text.length > maxChars ? { ...l, text: `${l.text.slice(0, maxChars)}…` } : l));
}
