import * as esbuild from 'esbuild';
import { describe, expect, test } from 'vitest';
import { CELL_API_GLOBAL, CellCompileError, compileCell, withInlineSourceMap, withoutInlineSourceMap } from '../src/shared/cell-compile';
import { CellSourceMap } from '../src/sandbox/source-map';

async function compileError(source: string): Promise<CellCompileError> {
  try {
    await compileCell(esbuild, source, { sourcefile: 'cell.ts' });
  } catch (e) {
    expect(e).toBeInstanceOf(CellCompileError);
    return e as CellCompileError;
  }
  throw new Error('expected a compile error');
}

const CELL = `import { sleep, print } from 'kowakunai';
async function customer(name: string, seconds: number): Promise<string> {
  await sleep(seconds);
  return name;
}
print(await customer('A', 0));
export default 42;
`;

describe('compileCell', () => {
  test('TypeScript with top-level await becomes a module that imports nothing', async () => {
    const { js } = await compileCell(esbuild, CELL, { sourcefile: 'tasks.ts' });
    expect(js).not.toMatch(/^\s*import\s/m);
    expect(js).toMatch(new RegExp(`const \\{ sleep, print \\} = globalThis\\.${CELL_API_GLOBAL};`));
    expect(js).not.toContain('toThread'); // unused API names are dropped
    expect(js).toMatch(/await customer\("A", 0\)/);
    expect(js).toMatch(/_default = 42;\nexport \{\n\s+\w+_default as default\n\};/);
    expect(js).toMatch(/sourceMappingURL=data:application\/json;base64,/);
  });

  test('the compiled module runs against the API object on globalThis', async () => {
    const { js } = await compileCell(esbuild, CELL);
    const printed: unknown[] = [];
    (globalThis as Record<string, unknown>)[CELL_API_GLOBAL] = {
      sleep: () => Promise.resolve(),
      print: (...a: unknown[]) => printed.push(...a),
    };
    try {
      const mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as { default: number };
      expect(mod.default).toBe(42);
      expect(printed).toEqual(['A']);
    } finally {
      delete (globalThis as Record<string, unknown>)[CELL_API_GLOBAL];
    }
  });

  test('a syntax error has its 1-based line and column, counted in characters', async () => {
    const e = await compileError(`const ok = 1;\nconst s = "日本語"; let x = ;\n`);
    expect(e.line).toBe(2);
    expect(e.column).toBe(26);
    expect(e.lineText).toBe('const s = "日本語"; let x = ;');
    expect(e.message).toMatch(/Unexpected/);
  });

  test('only kowakunai and npm packages can be imported (packages: tests/cell-packages.test.ts)', async () => {
    const e = await compileError(`import { helper } from './helper.ts';\nconsole.log(helper);\n`);
    expect(e.message).toBe("A cell can only import from 'kowakunai' and npm packages (not './helper.ts')");
    expect(e.line).toBe(1);
    const page = await compileCell(esbuild, `import fs from 'node:fs';\nconsole.log(fs);\n`, { packages: [] }).catch((x: Error) => x);
    expect((page as Error).message).toBe("'node:fs' is a Node-only module: cells run in the browser's sandbox");
    const e2 = await compileError(`import { nope } from 'kowakunai';\nnope();\n`);
    expect(e2.message).toBe("'kowakunai' has no export named 'nope'");
    expect([e2.line, e2.column]).toEqual([1, 10]);
    // renamed imports and imports over several lines keep working (and keep their lines)
    const { js } = await compileCell(esbuild, `import {\n  print as say,\n  sleep,\n} from 'kowakunai';\nawait sleep(0);\nsay('hi');\n`);
    expect(js).toMatch(/const \{\n\s+print: say,\n\s+sleep\n\} = globalThis/);
  });

  test('runtime positions map back to the cell source', async () => {
    const source = `import { print } from 'kowakunai';\nprint('first');\n\nfunction fail(): never {\n  throw new Error('boom');\n}\nfail();\n`;
    const { js } = await compileCell(esbuild, source, { sourcefile: 'fail.ts' });
    const line = js.split('\n').findIndex((l) => l.includes("throw new Error")) + 1;
    const map = new CellSourceMap(js, 'blob:null/x');
    const err = new Error('boom');
    err.stack = `Error: boom\n    at fail (blob:null/x:${line}:9)\n    at runtime (internal.js:1:1)`;
    const mapped = map.toCellError(err);
    expect(mapped).toMatchObject({ message: 'Error: boom', line: 5, column: 9 });
    expect(mapped.stack).toBe('Error: boom\n    at fail (fail.ts:5:9)');
  });

  test("the page's copy keeps the map as JSON, and the runtime still maps positions once it is put back", async () => {
    const source = `// デモ\nimport { print } from 'kowakunai';\nprint('一');\nthrow new Error('boom');\n`;
    const { js } = await compileCell(esbuild, source, { sourcefile: 'ja/fail.ts' });
    const stored = withoutInlineSourceMap(js);
    expect(stored.js).not.toContain('sourceMappingURL');
    expect(stored.sourceMap).toMatchObject({ version: 3, sources: ['ja/fail.ts'] });
    const restored = withInlineSourceMap(stored.js, stored.sourceMap);
    const line = restored.split('\n').findIndex((l) => l.includes('throw new Error')) + 1;
    const err = new Error('boom');
    err.stack = `Error: boom\n    at blob:null/y:${line}:7`;
    expect(new CellSourceMap(restored, 'blob:null/y').toCellError(err)).toMatchObject({ line: 4 });
    // Japanese in the program stays as it is (UTF-8), not as \\u escapes
    expect(stored.js).toContain("print('一')".replace(/'/g, '"'));
  });

  test('esbuild-wasm gives the same output (the page compiles with it)', { timeout: 60_000 }, async () => {
    const wasm = await import('esbuild-wasm');
    await wasm.initialize({});
    const native = await compileCell(esbuild, CELL, { sourcefile: 'tasks.ts' });
    const inPage = await compileCell(wasm, CELL, { sourcefile: 'tasks.ts' });
    expect(inPage.js).toBe(native.js);
    await expect(compileCell(wasm, 'let = ;')).rejects.toBeInstanceOf(CellCompileError);
  });
});
