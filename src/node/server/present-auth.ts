import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { KEY_HEADER, KEY_PARAM, MAX_BODY_BYTES } from '../../shared/follow-protocol.js';

/** A fresh key per start: 192 random bits, URL-safe. */
export function newPresentKey(): string {
  return randomBytes(24).toString('base64url');
}

/** True when the request carries `key` in the header (control requests) or the query (the presenter's stream). */
export function hasKey(req: IncomingMessage, url: URL, key: string): boolean {
  const given = req.headers[KEY_HEADER] ?? url.searchParams.get(KEY_PARAM) ?? '';
  const a = Buffer.from(Array.isArray(given) ? given[0] : given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class BodyTooLarge extends Error {}

/** Reads a JSON body of at most MAX_BODY_BYTES; a bigger one is refused as soon as it passes the limit. */
export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  return new Promise((ok, fail) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return fail(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        fail(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return;
      try {
        ok(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        ok(undefined);
      }
    });
    req.on('error', fail);
  });
}

/** The request's address, for the log. */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? 'unknown';
}
