/**
 * Python cells without a browser: how the build reads them (language, id, no compile), how a Python traceback becomes
 * the cell's error, and the "not recorded" mark. Running them is tested in Chromium (tests/browser/python.test.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cellIds, compileCells } from '../src/node/pipeline/cells/build-cells.js';
import { markNotRecorded, pythonCellHash } from '../src/node/pipeline/cells/record-python.js';
import { renderCellHtml } from '../src/node/pipeline/cells/render-cell.js';
import { pyodideLock } from '../src/node/pipeline/pyodide-assets.js';
import { renderDeck } from '../src/node/pipeline/render-deck.js';
import { pythonError } from '../src/sandbox/python/errors.js';

const root = mkdtempSync(join(tmpdir(), 'kowakunai-python-'));
function deck(body: string): string {
  const dir = join(root, `d${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'hello.py'), 'print("hello")\n');
  writeFileSync(join(dir, 'hello.ts'), "import { print } from 'kowakunai'\nprint('hello')\n");
  writeFileSync(join(dir, 'index.mdx'), `---\ntitle: T\nlang: en\n---\n\n${body}`);
  return join(dir, 'index.mdx');
}

describe('Python cells in the build', () => {
  test('a ```python cell block and a <Cell src="x.py"> are Python cells, passed through uncompiled', async () => {
    const rendered = await renderDeck(deck('```python cell title="fenced"\nimport asyncio\nprint(1)\n```\n\n<Cell src="./hello.py" />\n\n<Cell src="./hello.ts" />\n'));
    const cells = await compileCells(rendered.cells);
    expect(cells.map((c) => [c.id, c.lang])).toEqual([
      ['fenced', 'python'],
      ['hello-py', 'python'],
      ['hello', 'ts'],
    ]);
    expect(cells[0].js).toBe('import asyncio\nprint(1)');
    expect(cells[1].js).toBe(cells[1].source);
  });

  test('x.ts and x.py side by side get distinct ids', () => {
    const props = (src: string) => ({ code: '', file: '', line: '1', src });
    expect(cellIds([props('../cells/tasks.py'), props('../cells/tasks.ts')])).toEqual(['tasks-py', 'tasks']);
  });

  test('the cache key changes with the source', () => {
    expect(pythonCellHash('print(1)')).not.toBe(pythonCellHash('print(2)'));
    expect(pythonCellHash('print(1)')).toBe(pythonCellHash('print(1)'));
  });

  test('an unrecorded Python cell says so', () => {
    const html = renderCellHtml({ id: 'x-py', lang: 'python', source: 'print(1)', js: 'print(1)', highlightedHtml: '<pre></pre>', deckId: 'd', recorded: null });
    expect(markNotRecorded(html, 'en')).toMatch(/data-role="status" role="status">not recorded/);
    expect(markNotRecorded(html, 'en')).toMatch(/<live-cell data-recorded="none" /);
  });

  test('the lock file served with Pyodide lists no package (nothing can come from its CDN)', () => {
    const lock = JSON.parse(pyodideLock());
    expect(lock.packages).toEqual({});
    expect(lock.info.python).toMatch(/^3\.14/);
  });
});

describe('pythonError', () => {
  test("keeps the exception line, the cell's line, and the traceback from the cell's first frame", () => {
    const tb = [
      'Traceback (most recent call last):',
      '  File "/lib/python314.zip/_pyodide/_base.py", line 619, in eval_code_async',
      '    await CodeRunner(',
      '  File "cell.py", line 7, in <module>',
      '    asyncio.run(main())',
      '  File "cell.py", line 4, in main',
      '    1 / 0',
      'ZeroDivisionError: division by zero',
    ].join('\n');
    const e = pythonError(new Error(tb));
    expect(e.message).toBe('ZeroDivisionError: division by zero');
    expect(e.line).toBe(4);
    expect(e.stack).toMatch(/^Traceback \(most recent call last\):\n {2}File "cell\.py", line 7/);
    expect(e.stack).not.toMatch(/_pyodide/);
  });

  test('an error outside the cell has no line', () => {
    expect(pythonError(new Error('Boom'))).toEqual({ message: 'Boom', stack: 'Boom' });
  });
});
