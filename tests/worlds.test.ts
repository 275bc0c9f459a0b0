/**
 * The four worlds under src/ never mix: code that runs in the page never pulls in Node code, the sandbox never
 * reaches into the page that hosts it, and shared helpers depend on nothing else. The folder a file lives in says
 * where it runs; this test keeps that true as files are added.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const WORLDS = ['node', 'page', 'sandbox', 'shared'] as const;
type World = (typeof WORLDS)[number];

/** what each world may import at run time; any world may import types from any other */
const MAY_IMPORT: Record<World, World[]> = {
  shared: ['shared'],
  page: ['page', 'shared'],
  sandbox: ['sandbox', 'shared'],
  // the build-time recorder runs the sandbox's platform-neutral cell runtime in Node worker threads
  node: ['node', 'shared', 'sandbox'],
};

interface Edge { from: string; spec: string; to: string; typeOnly: boolean }

function sourceFiles(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .filter((name) => /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => name.split('\\').join('/'));
}

function edges(file: string): Edge[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const found: Edge[] = [];
  const patterns: [RegExp, (m: RegExpExecArray) => boolean][] = [
    [/^\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"](\.[^'"]+)['"]/gm, (m) => Boolean(m[1])],
    [/^\s*import\s+['"](\.[^'"]+)['"]/gm, () => false],
    [/(typeof\s+)?\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g, (m) => Boolean(m[1])],
  ];
  for (const [re, typeOnly] of patterns) {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const spec = m[m.length - 1]!;
      found.push({ from: file, spec, to: posix.normalize(posix.join(posix.dirname(file), spec)), typeOnly: typeOnly(m) });
    }
  }
  return found;
}

const worldOf = (path: string) => path.split('/')[0] as World;

describe('the worlds under src/', () => {
  const files = sourceFiles();

  it('are the only folders there', () => {
    expect(new Set(files.map(worldOf))).toEqual(new Set(WORLDS));
  });

  it('import at run time only what their world may load', () => {
    const crossings = files
      .flatMap(edges)
      .filter((e) => !e.typeOnly && !MAY_IMPORT[worldOf(e.from)].includes(worldOf(e.to)))
      .map((e) => `src/${e.from} imports ${e.spec}`);
    expect(crossings).toEqual([]);
  });

  it('are checked by a parser that sees real imports', () => {
    // the test above must not pass by finding nothing
    const all = files.flatMap(edges);
    expect(all.filter((e) => worldOf(e.from) === 'page' && worldOf(e.to) === 'shared' && !e.typeOnly).length).toBeGreaterThan(3);
    expect(all.some((e) => e.from === 'node/check/check-deck.ts' && worldOf(e.to) === 'page' && e.typeOnly)).toBe(true);
  });
});

