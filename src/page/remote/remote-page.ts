/**
 * The phone remote (served by the presenting server at /__kowakunai/present/remote/?key=…): large Previous and
 * Next, the current slide's notes at a readable size, elapsed time and pacing, the next slide's title, Run and
 * Stop for the slide's cell, blackout, and a pad that moves the laser pointer. It learns the presenter's place
 * from the same stream the audience reads, and sends commands with the key.
 */
import type { ControlCommand, FollowState } from '../../shared/follow-protocol.js';
import { followStream } from '../present/follow-stream.js';
import { ControlChannel, takeKey } from '../present/control-channel.js';
import { loadOutline, type DeckOutline } from './deck-outline.js';
import { RemoteView } from './remote-view.js';
import './remote.css';

const key = takeKey('kowakunai:remote-key');
const view = new RemoteView(document.querySelector<HTMLElement>('#remote')!, (c) => send(c));
const channel = key
  ? new ControlChannel(key, () => view.fatal('The presenter refused this remote: the key is wrong or from an earlier start. Scan the new QR code.'))
  : null;
let outline: DeckOutline | null = null;
let state: FollowState | null = null;
let clockOffset = 0;
const running = new Set<string>();
/** each deck's outline, fetched once (events arriving while it loads wait for the same fetch) */
const outlines = new Map<string, Promise<DeckOutline | null>>();

if (!key) view.fatal('This page needs the remote URL printed by `npm run present` (it carries the key).');
else
  followStream({
    connected: (up) => view.setConnected(up),
    state: (next) => {
      clockOffset = next.serverNow - Date.now();
      state = next;
      void show();
    },
    run: ({ cell, event }) => {
      if (event.type === 'started') running.add(cell);
      if (event.type === 'ended') running.delete(cell);
      void show();
    },
  });

async function show(): Promise<void> {
  if (!state) return;
  const want = state.deck;
  if (!outlines.has(want)) outlines.set(want, loadOutline(want).catch(() => null));
  const loaded = await outlines.get(want)!;
  // a newer state for another deck may have come in meanwhile: that one shows
  if (!loaded || state.deck !== want) return;
  outline = loaded;
  // the server's time, as the ticks below: the phone's own clock may be minutes off
  view.show(outline, state, running, Date.now() + clockOffset);
}

/** In order, one request at a time; a pointer position waiting behind another is replaced by the newer one. */
function send(command: ControlCommand): void {
  channel?.send('command', command);
}

// elapsed time and pacing tick once a second
setInterval(() => {
  if (state && outline) view.tick(outline, state, Date.now() + clockOffset);
}, 1000);
