import { KEY_HEADER, MAX_BODY_BYTES, PRESENT_BASE, utf8Length } from '../../shared/follow-protocol.js';

type Route = 'state' | 'run' | 'command' | 'pen';

/**
 * The presenter's (and the remote's) requests to the presenting server, sent one after another in order. What only
 * matters in its latest form — the presenter's place, the pointer's position — replaces its own kind still waiting
 * in the queue; every run event and every other command is sent.
 */
export class ControlChannel {
  private readonly queue: { route: Route; body: string; kind: string | null }[] = [];
  private busy = false;

  constructor(
    private readonly key: string,
    /** the server answered 401: the key is wrong or from an earlier start */
    private readonly refused: () => void = () => {},
  ) {}

  send(route: Route, data: unknown): void {
    const body = JSON.stringify(data);
    if (utf8Length(body) > MAX_BODY_BYTES) return; // the server would refuse it; callers split what can be split
    const kind = route === 'state' ? 'state' : route === 'command' && (data as { action?: string }).action === 'pointer' ? 'pointer' : route === 'pen' ? growingStroke(data) : null;
    if (kind) {
      const waiting = this.queue.findIndex((q) => q.kind === kind);
      if (waiting >= 0) this.queue.splice(waiting, 1);
    }
    this.queue.push({ route, body, kind });
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    while (this.queue.length) {
      const { route, body } = this.queue.shift()!;
      const res = await fetch(`${PRESENT_BASE}${route}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [KEY_HEADER]: this.key },
        body,
      }).catch(() => null);
      if (res?.status === 401) this.refused();
    }
    this.busy = false;
  }
}

/**
 * The key from `?key=…`, moved out of the address bar at once (a projected URL bar must not show it) and kept
 * for this tab's reloads in sessionStorage.
 */
export function takeKey(storageName: string): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    url.searchParams.delete('key');
    history.replaceState(history.state, '', url.href);
    try {
      sessionStorage.setItem(storageName, fromUrl);
    } catch {
      // private mode: the key lives as long as the page
    }
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(storageName);
  } catch {
    return null;
  }
}

/** A stroke still being drawn is sent again as it grows: only its latest form is worth sending. */
function growingStroke(data: unknown): string | null {
  const op = data as { op?: string; stroke?: { id?: string } };
  return op.op === 'add' && op.stroke?.id ? `stroke:${op.stroke.id}` : null;
}
