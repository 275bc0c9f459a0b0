/**
 * The cells' source maps: a site's deck page leaves them out of each cell's payload (they are read only when a cell
 * runs, and weigh on the first page) and keeps them beside itself in cell-maps.json (site.ts). Fetched once, at the
 * first run; a run whose map cannot be had still runs, its errors then pointing at the compiled lines.
 */
let maps: Promise<Record<string, object>> | undefined;

export function sourceMapOf(id: string): Promise<object | undefined> {
  maps ??= fetch(new URL('cell-maps.json', location.href))
    .then((r) => (r.ok ? (r.json() as Promise<Record<string, object>>) : {}))
    .catch(() => ({}));
  return maps.then((m) => m[id]);
}
