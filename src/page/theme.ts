/**
 * The deck's frontmatter picks light or dark; `?theme=dark` (or light) overrides it for one
 * viewing — a dim room, a washed-out projector — without rebuilding.
 */
export function applyThemeOverride(location: Location | URL, root: HTMLElement): void {
  const wanted = new URLSearchParams(location.search).get('theme');
  if (wanted !== 'dark' && wanted !== 'light') return;
  root.classList.remove('theme-light', 'theme-dark');
  root.classList.add(`theme-${wanted}`);
  root.querySelector('meta[name="color-scheme"]')?.setAttribute('content', wanted);
}
