import type { IncomingMessage, ServerResponse } from 'node:http';

/** A follower whose unsent data passes this is dropped: it stopped reading (a sleeping phone, a dead link). */
export const SLOW_FOLLOWER_BYTES = 256 * 1024;
const HEARTBEAT_MS = 15_000;

/**
 * One server-sent-events channel: every open stream gets every event. A stream that stops reading is closed,
 * never buffered without end; its browser reconnects on its own (EventSource) and is sent the current state.
 */
export class SyncHub {
  private readonly streams = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly name: string,
    private readonly log: (line: string) => void,
  ) {
    // a comment line now and then: proxies keep the stream open, and a dead peer is found by the write failing
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.streams.size;
  }

  /** Opens a stream on `res`; `greeting` is written first (the current state). */
  open(req: IncomingMessage, res: ServerResponse, greeting: string[] = []): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // an EventSource that loses the stream tries again after this many ms
    res.write('retry: 1000\n\n');
    for (const g of greeting) res.write(g);
    req.socket.setNoDelay(true);
    this.streams.add(res);
    const forget = () => this.streams.delete(res);
    req.on('close', forget);
    res.on('error', forget);
  }

  send(event: string, data: unknown): void {
    this.write(frame(event, data));
  }

  private write(text: string): void {
    for (const res of this.streams) {
      if (res.writableLength > SLOW_FOLLOWER_BYTES) {
        this.streams.delete(res);
        this.log(`dropped a ${this.name} that stopped reading (${Math.round(res.writableLength / 1024)} KB unsent)`);
        res.destroy();
        continue;
      }
      res.write(text);
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.streams) res.destroy();
    this.streams.clear();
  }
}

export function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
