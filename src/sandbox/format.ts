/**
 * Text forms of values: `print` / console arguments (strings as they are, like Python's print) and the cell's
 * return value (strings quoted, like a REPL shows them). Never throws: cells print anything.
 */

const MAX_DEPTH = 4;
const MAX_ITEMS = 100;

function inspect(v: unknown, depth: number, seen: Set<object>, quoteStrings: boolean): string {
  switch (typeof v) {
    case 'string':
      return quoteStrings ? JSON.stringify(v) : v;
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'undefined':
    case 'boolean':
    case 'symbol':
      return String(v);
    case 'function':
      return `[Function ${v.name || '(anonymous)'}]`;
  }
  if (v === null) return 'null';
  const obj = v as object;
  if (obj instanceof Error) return obj.stack?.split('\n')[0] ?? `${obj.name}: ${obj.message}`;
  if (obj instanceof Date) return obj.toISOString();
  if (obj instanceof RegExp) return String(obj);
  // our Task and Semaphore say who they are
  if (Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(obj) ?? {}, 'toString') && !Array.isArray(obj) && Object.getPrototypeOf(obj) !== Object.prototype) {
    try {
      return String(obj);
    } catch {
      // fall through to the structural form
    }
  }
  if (seen.has(obj)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(obj) ? '[Array]' : '[Object]';
  seen.add(obj);
  try {
    const inner = (x: unknown): string => inspect(x, depth + 1, seen, true);
    if (Array.isArray(obj)) {
      const items = obj.slice(0, MAX_ITEMS).map(inner);
      if (obj.length > MAX_ITEMS) items.push(`… ${obj.length - MAX_ITEMS} more`);
      return `[${items.join(', ')}]`;
    }
    if (obj instanceof Map) {
      const items = [...obj].slice(0, MAX_ITEMS).map(([k, val]) => `${inner(k)} => ${inner(val)}`);
      return `Map(${obj.size}) {${items.join(', ')}}`;
    }
    if (obj instanceof Set) return `Set(${obj.size}) {${[...obj].slice(0, MAX_ITEMS).map(inner).join(', ')}}`;
    if (typeof (obj as PromiseLike<unknown>).then === 'function') return 'Promise { … }';
    const keys = Object.keys(obj);
    const items = keys.slice(0, MAX_ITEMS).map((k) => {
      const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
      return `${key}: ${inner((obj as Record<string, unknown>)[k])}`;
    });
    if (keys.length > MAX_ITEMS) items.push(`… ${keys.length - MAX_ITEMS} more`);
    return items.length ? `{ ${items.join(', ')} }` : '{}';
  } finally {
    seen.delete(obj);
  }
}

/** Python print: arguments joined by a space, strings unquoted. */
export function formatArgs(args: unknown[]): string {
  return args.map((a) => inspect(a, 0, new Set(), false)).join(' ');
}

/** A REPL-like form: strings quoted. */
export function formatValue(v: unknown): string {
  return inspect(v, 0, new Set(), true);
}
