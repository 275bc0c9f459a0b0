/** Line-level helpers the dialect pre-passes share: they never move a line, so every position stays the author's. */

export interface Line {
  text: string;
  /** 1-based */
  n: number;
  /** inside a fenced code block (or its fence lines): never a separator, directive or note */
  code: boolean;
}

export function scanLines(source: string): Line[] {
  const out: Line[] = [];
  let fence: string | null = null;
  source.split(/\r?\n/).forEach((text, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (fence === null && m) {
      fence = m[1];
      out.push({ text, n: i + 1, code: true });
    } else if (fence !== null) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && text.trim() === m[1]) fence = null;
      out.push({ text, n: i + 1, code: true });
    } else out.push({ text, n: i + 1, code: false });
  });
  return out;
}

export function join(lines: Line[]): string {
  return lines.map((l) => l.text).join('\n');
}

/** The deck's frontmatter block: `---` on line 1 to the next `---`; undefined when the file does not start with one. */
export function headmatter(lines: Line[]): { end: number; yaml: string } | undefined {
  if (lines[0]?.text.trim() !== '---') return undefined;
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l.text));
  if (close < 0) return undefined;
  return { end: close + 1, yaml: lines.slice(1, close).map((l) => l.text).join('\n') };
}

export interface Comment {
  /** line numbers of `<!--` and `-->` */
  from: number;
  to: number;
  body: string;
  /** the comment is all its lines hold (not inside a paragraph's text) */
  alone: boolean;
}

/** HTML comments outside code, each with its lines. */
export function comments(lines: Line[], from = 1, to = lines.length): Comment[] {
  const found: Comment[] = [];
  for (let i = from - 1; i < to; i++) {
    const line = lines[i];
    if (line.code) continue;
    const start = line.text.indexOf('<!--');
    if (start < 0) continue;
    let j = i;
    let end = line.text.indexOf('-->', start + 4);
    while (end < 0 && j + 1 < to && !lines[j + 1].code) {
      j++;
      end = lines[j].text.indexOf('-->');
    }
    if (end < 0) break;
    const text = lines.slice(i, j + 1).map((l) => l.text).join('\n');
    const open = text.indexOf('<!--');
    const close = text.lastIndexOf('-->');
    const alone = text.slice(0, open).trim() === '' && text.slice(close + 3).trim() === '';
    found.push({ from: i + 1, to: j + 1, body: text.slice(open + 4, close).trim(), alone });
    i = j;
  }
  return found;
}

/** Empties lines from..to (1-based, inclusive) without removing them. */
export function blank(lines: Line[], from: number, to = from): void {
  for (let n = from; n <= to; n++) lines[n - 1].text = '';
}

/** Removes a comment's `<!--` and `-->`, keeping what it says as Markdown on the same lines (a note). */
export function unwrapComment(lines: Line[], c: Comment): void {
  const first = lines[c.from - 1];
  first.text = first.text.replace('<!--', '').trimStart();
  const last = lines[c.to - 1];
  const at = last.text.lastIndexOf('-->');
  last.text = (last.text.slice(0, at) + last.text.slice(at + 3)).trimEnd();
  // a note's lines were indented under the comment: unindented, they are paragraphs, not code
  for (let n = c.from; n <= c.to; n++) lines[n - 1].text = lines[n - 1].text.replace(/^\s+/, '');
}

/** `key="value"` pairs (reveal.js's `<!-- .slide: … -->`, Slidev's attributes). */
export function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:@.-]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) attrs[m[1]] = m[2] ?? m[3] ?? m[4] ?? '';
  return attrs;
}

/** Only what is safe on a <section>: classes, inline style, an id and data-* attributes. */
export function sectionAttributes(attrs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attrs).filter(([k]) => k === 'class' || k === 'style' || k === 'id' || k.startsWith('data-')));
}

export function addClass(attrs: Record<string, string>, cls: string | undefined): void {
  if (!cls) return;
  attrs.class = [attrs.class, cls].filter(Boolean).join(' ');
}

// HTML comments as MDX comments (an expression holding only a JS comment), where MDX would refuse them: hidden, on the same lines.
export function mdxComments(lines: Line[]): void {
  for (const c of comments(lines)) {
    const first = lines[c.from - 1];
    first.text = first.text.replace('<!--', '{/*');
    const last = lines[c.to - 1];
    const at = last.text.lastIndexOf('-->');
    last.text = `${last.text.slice(0, at).replace(/\*\//g, '* /')}*/}${last.text.slice(at + 3)}`;
  }
}
