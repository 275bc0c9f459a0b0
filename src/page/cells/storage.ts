/**
 * A presenter's edits survive a reload: saved per deck and cell in localStorage. Each saved edit
 * remembers a hash of the original source it was made from, so when the deck author changes a cell
 * and redeploys, an old edit of the previous version does not silently shadow the new code.
 */

export function storageKey(deckId: string, cellId: string): string {
  return `kowakunai:${deckId}:${cellId}`;
}

interface SavedEdit {
  v: 1;
  source: string;
  /** hash of the original source the edit started from */
  base: string;
  savedAt: string;
}

/** FNV-1a, 32 bit: enough to tell two versions of a cell apart, no crypto needed. */
export function hashSource(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

// localStorage throws in some contexts (opaque origins, disabled storage, a full quota):
// edits then simply don't persist.
function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The saved edit of a cell, or null when there is none (or it was made from another original). */
export function loadEdit(deckId: string, cellId: string, original: string): string | null {
  const s = store();
  if (!s) return null;
  try {
    const raw = s.getItem(storageKey(deckId, cellId));
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<SavedEdit>;
    if (saved.v !== 1 || typeof saved.source !== 'string' || saved.base !== hashSource(original)) return null;
    return saved.source === original ? null : saved.source;
  } catch {
    return null;
  }
}

/** Saves an edit; saving the original text itself clears the entry. */
export function saveEdit(deckId: string, cellId: string, original: string, source: string): void {
  if (source === original) return clearEdit(deckId, cellId);
  const s = store();
  if (!s) return;
  const saved: SavedEdit = { v: 1, source, base: hashSource(original), savedAt: new Date().toISOString() };
  try {
    s.setItem(storageKey(deckId, cellId), JSON.stringify(saved));
  } catch {
    // quota or privacy mode: the edit lives on in the page only
  }
}

export function clearEdit(deckId: string, cellId: string): void {
  try {
    store()?.removeItem(storageKey(deckId, cellId));
  } catch {
    // nothing to clear
  }
}
