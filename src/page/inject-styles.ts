/** Puts a chunk's own styles into the page once (a chunk that only some decks, or only some pages, load). */
export function injectStyles(id: string, css: string): void {
  if (document.getElementById(id)) return;
  const style = document.createElement('style');
  style.id = id;
  style.textContent = css;
  document.head.append(style);
}
