/**
 * Dev server only: shows a rebuild as soon as it lands, and a build error as an overlay while the last good
 * build keeps being served.
 */
export function connectDevServer(): void {
  const events = new EventSource(new URL('/__kowakunai/events', location.href));
  // what this page was served with, to tell a rebuild that changed only slides (the live page's head has
  // grown styles of its own since, so it cannot be compared itself)
  served = fetchPage().then((doc) => around(doc));
  events.addEventListener('reload', () => void swapSlides().catch(() => location.reload()));
  events.addEventListener('build-error', (e) => showOverlay(JSON.parse((e as MessageEvent).data) as { text: string }));
  events.addEventListener('build-ok', () => document.getElementById('kowakunai-error')?.remove());
}

function showOverlay({ text }: { text: string }): void {
  let box = document.getElementById('kowakunai-error');
  if (!box) {
    box = document.createElement('div');
    box.id = 'kowakunai-error';
    box.setAttribute('role', 'alert');
    const close = document.createElement('button');
    close.textContent = '×';
    close.setAttribute('aria-label', 'Close');
    close.onclick = () => box!.remove();
    const pre = document.createElement('pre');
    box.append(close, pre);
    document.body.append(box);
  }
  box.querySelector('pre')!.textContent = `Build failed — still showing the last good build\n\n${text}`;
}

let served: Promise<string> | undefined;

async function fetchPage(): Promise<Document> {
  const response = await fetch(location.href, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${response.status}`);
  return new DOMParser().parseFromString(await response.text(), 'text/html');
}

/** What a page needs besides its slides: when any of it changed (the browser code, the font cut), reload. */
function around(doc: Document): string {
  const parts = [...doc.querySelectorAll('link[href], script[src], head style')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.textContent);
  return [doc.title, doc.documentElement.lang, ...parts].join('\n');
}

/**
 * A rebuilt deck whose browser code and fonts are unchanged gets its new slides in place, at the same slide and
 * step: a reload would start reveal.js, the cells and the fonts over (about 180 ms of the 300 a save took to show).
 * Anything else, and the phone reader, reloads.
 */
async function swapSlides(): Promise<void> {
  const deck = (window as { kowakunai?: { deck?: { getIndices(): { h: number; v?: number; f?: number }; sync(): void; slide(h: number, v?: number, f?: number): void } | null } }).kowakunai?.deck;
  const slides = document.querySelector('.reveal > .slides');
  if (!deck || !slides) return location.reload();
  const before = await served;
  const next = await fetchPage();
  const fresh = next.querySelector('.reveal > .slides');
  if (!fresh || before === undefined || around(next) !== before) return location.reload();
  const { h, v, f } = deck.getIndices();
  slides.replaceChildren(...[...fresh.childNodes].map((n) => document.importNode(n, true)));
  deck.sync();
  deck.slide(h, v, f);
  document.dispatchEvent(new Event('kowakunai:slides-replaced'));
}
