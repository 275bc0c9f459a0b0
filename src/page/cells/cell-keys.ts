/**
 * Keys in a cell versus reveal.js, which listens for keydown on document (bubbling phase):
 * - Ctrl/Cmd+Enter anywhere in the cell runs it;
 * - everything typed in the code (static or editor) stops at the cell, so arrows, Space and letters
 *   edit instead of changing slides; Escape leaves the editor by focusing the cell itself, from where
 *   keys reach reveal.js again;
 * - Space/Enter on the cell's buttons press the button only. Other keys on a button pass through, so a
 *   presenter who clicked Run can still go to the next slide with the arrow keys or a clicker.
 */
export interface KeyActions {
  run(): void;
  /** the editor is open (CodeMirror handles Enter/Space itself then) */
  editing(): boolean;
  openEditor(): void;
}

export function isolateKeys(cell: HTMLElement, code: HTMLElement, actions: KeyActions): void {
  cell.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      actions.run();
      return;
    }
    if (code.contains(target)) {
      event.stopPropagation();
      if (event.key === 'Escape' && !event.defaultPrevented) {
        // (defaultPrevented: CodeMirror used this Escape itself, e.g. to close a tooltip.)
        event.preventDefault();
        cell.focus({ preventScroll: true });
      } else if (!actions.editing() && target === code && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        actions.openEditor();
      }
      return;
    }
    if (target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter')) event.stopPropagation();
  });
}
