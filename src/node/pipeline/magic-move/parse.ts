/**
 * The body of a Slidev magic-move block (````md magic-move) → its fences, in order. Slidev's syntax as it is:
 * each fence is ```lang [{step ranges}] [{options}] [anything else], e.g. ```ts {*|2} {lines:true}. The step
 * ranges and options are accepted and set aside (one version is one step here); the rest of the meta stays, so
 * ```python cell title="x" still says what a cell fence says.
 */
export interface MagicMoveFence {
  lang: string;
  /** the meta with the {…} groups taken out */
  meta: string;
  code: string;
  /** line of the opening fence, counted from the first line of the body (0-based) */
  lineInBody: number;
}

export class MagicMoveSyntaxError extends Error {
  constructor(
    message: string,
    readonly lineInBody: number,
  ) {
    super(message);
  }
}

const OPEN = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*(.*)$/;

export function parseMagicMove(body: string): MagicMoveFence[] {
  const lines = body.split('\n');
  const fences: MagicMoveFence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]);
    if (!open) {
      if (lines[i].trim() !== '') throw new MagicMoveSyntaxError(`only code fences belong in a magic-move block; found "${lines[i].trim().slice(0, 40)}"`, i);
      continue;
    }
    const [, , marker, lang, rest] = open;
    const close = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (end === lines.length) throw new MagicMoveSyntaxError(`this fence (${marker}${lang}) is never closed`, i);
    fences.push({ lang: lang || 'text', meta: stripBraces(rest), code: lines.slice(i + 1, end).join('\n'), lineInBody: i });
    i = end;
  }
  return fences;
}

/** `{*|2} {lines:true} cell title="a"` → `cell title="a"`: Slidev's ranges and options, set aside. */
function stripBraces(meta: string): string {
  let out = '';
  let depth = 0;
  for (const ch of meta) {
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}
