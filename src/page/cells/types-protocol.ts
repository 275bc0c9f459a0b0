/** Messages between type-aware.ts (the editor, in the page) and types-worker.ts (TypeScript). Types only. */

export interface TypeDiagnostic {
  /** offsets in the cell's source */
  from: number;
  to: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface TypeCompletion {
  label: string;
  /** TypeScript's ScriptElementKind: 'function', 'property', 'keyword' … */
  kind: string;
}

export type ToTypes =
  /** files: path → text (the standard library, kowakunai's API, the deck's packages' .d.ts) */
  | { type: 'init'; libUrl: string; typesUrl?: string }
  | { type: 'diagnostics'; id: number; source: string }
  | { type: 'hover'; id: number; source: string; pos: number }
  | { type: 'complete'; id: number; source: string; pos: number };

export type FromTypes =
  | { type: 'diagnostics'; id: number; diagnostics: TypeDiagnostic[] }
  | { type: 'hover'; id: number; text: string | null; from: number; to: number }
  | { type: 'complete'; id: number; items: TypeCompletion[]; from: number }
  | { type: 'failed'; id?: number; message: string };
