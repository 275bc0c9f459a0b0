import type { RevealApi } from 'reveal.js';

interface Plugins {
  notes: { open(): void };
  search: { open(): void };
}

/**
 * reveal.js's presenter plugins — notes (the speaker view: its page, its styles and a markdown parser,
 * about a third of the deck's script), search and zoom — are fetched when the page is idle, not before
 * first paint: most readers never press S. A key pressed before they arrive still works: S and
 * Ctrl/Cmd+Shift+F fetch them at once and open what the plugin's own binding would have opened.
 * The speaker view's preview frames (`?receiver`) never load them: the notes plugin does nothing there.
 */
export function loadPluginsLater(deck: RevealApi, speakerFrame: boolean): void {
  if (speakerFrame) return;
  let loading: Promise<Plugins> | undefined;
  const load = () =>
    (loading ??= import('./presenter-plugins.js').then(({ Notes, Search, Zoom, enhanceSpeakerWindows }) => {
      // before the notes plugin exists, so even an S pressed during the load opens a fitted-out speaker view
      enhanceSpeakerWindows();
      const notes = Notes();
      const search = Search();
      // registered after initialize(), reveal.js runs each plugin's init at once (notes rebinds S to itself)
      for (const p of [notes, search, Zoom()]) deck.registerPlugin(p);
      return { notes, search };
    }));
  deck.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker notes view' }, () => void load().then((p) => p.notes.open()));
  const early = (e: KeyboardEvent): void => {
    if (e.key.toLowerCase() !== 'f' || !e.shiftKey || !(e.ctrlKey || e.metaKey) || loading) return;
    e.preventDefault();
    void load().then((p) => p.search.open());
  };
  document.addEventListener('keydown', early);
  void loadWhenIdle(load).then(() => document.removeEventListener('keydown', early));
}

function loadWhenIdle<T>(load: () => Promise<T>): Promise<T> {
  // ?notes asks for the speaker view at once; the notes plugin opens it in its init
  if (/(\?|&)notes/i.test(location.search)) return load();
  return new Promise<void>((ok) => {
    const idle = (window as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback;
    if (idle) idle(() => ok(), { timeout: 3000 });
    else setTimeout(ok, 1500);
  }).then(load);
}
