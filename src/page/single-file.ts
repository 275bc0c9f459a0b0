/**
 * The deck as one offline file (`kowakunai build --single-file`): the same client, built with the sandbox's HTML
 * inlined (a srcdoc frame: a file:// page can load no other file) and without the editor, the in-page compiler
 * and Pyodide, which are too large to inline. What is missing says so where the user meets it:
 * - a Python cell shows its recorded run, its badge says Python runs on the full site, and Run says how;
 * - clicking into code, Edit, or Enter on the code says that editing needs the full site.
 */
declare global {
  /**
   * The sandbox page's HTML, defined by the single-file build (src/node/pipeline/single-file.ts); the site's build
   * defines it as undefined, so `typeof __KOWAKUNAI_SANDBOX_HTML__ === 'string'` folds to false and this module is
   * left out of the site's deck.js. Test it at the place of use, not through a variable: esbuild folds only there.
   */
  const __KOWAKUNAI_SANDBOX_HTML__: string | undefined;
}

const TEXT = {
  en: {
    badge: 'recorded · Python runs on the full site',
    python: 'Python runs on the full site only (Pyodide is too large for one file): npx kowakunai dev, or kowakunai build and serve dist/.',
    edit: 'Editing needs the full site (this one file has no compiler): npx kowakunai dev, or kowakunai build and serve dist/.',
  },
  ja: {
    badge: '記録 · Python はサイト版で実行',
    python: 'Python はサイト版でだけ動きます（Pyodide は 1 ファイルには大きすぎます）: npx kowakunai dev、または kowakunai build して dist/ を配信。',
    edit: '編集はサイト版で（この 1 ファイルにはコンパイラがありません）: npx kowakunai dev、または kowakunai build して dist/ を配信。',
  },
};

export function initSingleFile(lang: string): void {
  const text = lang === 'ja' ? TEXT.ja : TEXT.en;
  for (const badge of document.querySelectorAll<HTMLElement>('live-cell[data-lang="python"] [data-role="badge"]')) {
    badge.textContent = text.badge;
    badge.title = text.python;
  }
  // the note goes above the cell's output, where there is room for a sentence (the toolbar has none)
  const say = (cell: Element, message: string): void => {
    const output = cell.querySelector<HTMLElement>('[data-role="output"]');
    if (!output) return;
    let note = output.querySelector<HTMLElement>('.k-single-note');
    if (!note) {
      note = document.createElement('p');
      note.className = 'k-single-note';
      note.setAttribute('role', 'status');
      note.style.cssText = 'margin:0 0 0.4em;padding:0.3em 0.5em;font:0.8em/1.35 var(--k-font);background:#fff6d6;color:#1b1b1f;border-radius:4px';
      output.prepend(note);
    }
    note.textContent = message;
  };
  // capture on the document: before the cell's own handlers, which would load what is not here
  const stop = (event: Event, cell: Element, message: string): void => {
    event.preventDefault();
    event.stopImmediatePropagation();
    say(cell, message);
  };
  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element).closest?.('button[data-action]');
      const cell = button?.closest('live-cell');
      if (!button || !cell) return;
      const action = (button as HTMLElement).dataset.action;
      if (action === 'edit') stop(event, cell, text.edit);
      else if (action === 'run' && cell.getAttribute('data-lang') === 'python') stop(event, cell, text.python);
    },
    true,
  );
  document.addEventListener(
    'pointerdown',
    (event) => {
      const code = (event.target as Element).closest?.('[data-role="code"]');
      const cell = code?.closest('live-cell');
      if (code && cell && (event as PointerEvent).button === 0) stop(event, cell, text.edit);
    },
    true,
  );
  document.addEventListener(
    'keydown',
    (event) => {
      const cell = (event.target as Element).closest?.('live-cell');
      if (!cell || event.key !== 'Enter') return;
      const inCode = !!(event.target as Element).closest('[data-role="code"]');
      if ((event.ctrlKey || event.metaKey) && cell.getAttribute('data-lang') === 'python') stop(event, cell, text.python);
      else if (inCode && !event.ctrlKey && !event.metaKey) stop(event, cell, text.edit);
    },
    true,
  );
}
