/**
 * Dev server only: shows a rebuild as soon as it lands, and a build error as an overlay while the last good
 * build keeps being served.
 */
export function connectDevServer(): void {
  const events = new EventSource(new URL('/__kowakunai/events', location.href));
  events.addEventListener('open', () => (document.documentElement.dataset.devServer = 'connected'));
  events.addEventListener('reload', (e) => {
    // the server names the decks whose pages changed only in their slides
    const { swap } = JSON.parse((e as MessageEvent<string>).data) as { swap?: string[] };
    if (swap?.includes(document.documentElement.dataset.deck ?? '')) void swapSlides().catch(() => location.reload());
    else location.reload();
  });
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

/**
 * A rebuilt deck whose browser code, styles and font cut are unchanged gets its new slides in place, at the same
 * slide and step: a reload would start reveal.js, the cells and the fonts over (about 180 ms of the 300 a save
 * took to show). The phone reader, which has no reveal.js to sync, reloads.
 */
async function swapSlides(): Promise<void> {
  const deck = (window as { kowakunai?: { deck?: { getIndices(): { h: number; v?: number; f?: number }; sync(): void; slide(h: number, v?: number, f?: number): void } | null } }).kowakunai?.deck;
  const slides = document.querySelector('.reveal > .slides');
  if (!deck || !slides) return location.reload();
  const response = await fetch(location.href, { cache: 'no-store' });
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('.reveal > .slides');
  if (!response.ok || !fresh) return location.reload();
  const { h, v, f } = deck.getIndices();
  slides.replaceChildren(...[...fresh.childNodes].map((n) => document.importNode(n, true)));
  deck.sync();
  deck.slide(h, v, f);
  document.dispatchEvent(new Event('kowakunai:slides-replaced'));
}
