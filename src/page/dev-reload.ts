/**
 * Dev server only: reloads the page when a rebuild lands, and shows a build error as an overlay
 * while the last good build keeps being served.
 */
export function connectDevServer(): void {
  const events = new EventSource(new URL('/__kowakunai/events', location.href));
  events.addEventListener('reload', () => location.reload());
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
