import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The MDX parser's (micromark, acorn) messages in the author's terms: what to write instead. Each rule keeps the
 * original message's facts (the tag, the character) and adds the fix.
 */
const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Expected a closing tag for `<(br|hr|img|input|source|wbr)>`/, (m) => `<${m[1]}> is not closed: in MDX every tag is, write <${m[1]} … />`],
  [/^Expected a closing tag for `<([\w.-]+)>`/, (m) => `<${m[1]}> is never closed: add </${m[1]}> (with a blank line before it when Markdown is inside)`],
  [/^Unexpected closing tag `<\/([\w.-]+)>`/, (m) => `</${m[1]}> closes a tag that is not open here (a tag opened in a paragraph closes in it)`],
  [/^Unexpected end of file in expression, expected a corresponding closing brace for `\{`/, () => 'a { starts a JavaScript expression in MDX and is never closed: close it with }, or write \\{ for a brace in the text'],
  [/^Could not parse expression with acorn/, () => 'the text inside { } is not a JavaScript expression: fix it, or write \\{ for a brace in the text'],
  [/^Unexpected character `!` \(U\+0021\) before name/, () => 'an HTML comment <!-- … --> is not MDX: write {/* … */} (or name the file .md to write Markdown with HTML)'],
  [/^Unexpected character `(.)` \(U\+[0-9A-F]+\) (before name|in name)/, (m) => `“${m[1]}” cannot start or be part of a tag name here: write &lt; for a literal <, or fix the tag`],
  [/^Unexpected lazy line in expression in container/, () => 'an expression { } inside a list or quote runs on past its line: keep it on one line or close it'],
];

export function plainAdvice(message: string): string {
  for (const [re, say] of RULES) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  return message;
}

/** `(8:1-8:6)` at the end of a parser's message: the place, when the error carried none of its own. */
export function placeInMessage(message: string): { line: number; column: number } | undefined {
  const m = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/**
 * esbuild reports a failed import at its place in the JavaScript the deck compiled to; the author wrote it
 * elsewhere. The quoted path is found in the deck's own text instead, and the advice says where we looked.
 */
export function importInDeck(file: string, message: string): { line: number; column: number; message: string } | undefined {
  const spec = /^Could not resolve "([^"]+)"/.exec(message)?.[1];
  if (!spec || !/\.mdx?$/.test(file)) return undefined;
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
  const line = lines.findIndex((l) => l.includes(`'${spec}'`) || l.includes(`"${spec}"`));
  if (line < 0) return undefined;
  const where = spec.startsWith('.') ? ` (looked for ${resolve(dirname(file), spec)})` : ' (not installed beside the deck: npm install it, or import a file by its path)';
  return { line: line + 1, column: lines[line].indexOf(spec) + 1, message: `cannot import "${spec}": no such file${where}` };
}
