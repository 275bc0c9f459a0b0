/**
 * Does the server that serves this deck also answer the slow API? The dev and preview servers do
 * (and say so with a header); static hosting does not, and then the sandbox emulates it in-process.
 */
import { SLOW_API_PATH } from '../../shared/types.js';

export const SLOW_API_HEADER = 'X-Kowakunai-Slow-Api';

let detected: Promise<boolean> | undefined;

/**
 * true when the site's `api/slow?delay=0` answers with `X-Kowakunai-Slow-Api: 1`. Cached. Asked at the
 * site root (the deck page is <root>/<deck>/index.html), so it works under any sub-path; the build puts a
 * plain file there, so a static host answers 200 without the header instead of logging a 404.
 */
export function hasRealSlowApi(pageUrl: string = location.href): Promise<boolean> {
  detected ??= probe(pageUrl);
  return detected;
}

async function probe(pageUrl: string): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(`../${SLOW_API_PATH}?delay=0`, pageUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 3000);
  try {
    const res = await fetch(url, { cache: 'no-store', signal: abort.signal });
    // drain the (tiny) body so the connection is released
    await res.text().catch(() => '');
    return res.ok && res.headers.get(SLOW_API_HEADER) === '1';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
