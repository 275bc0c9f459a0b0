/**
 * TypeScript's language service for the cell editor, in a module worker of its own (dist/assets/types-worker.js,
 * ~1 MB gzip): started by the first editor that opens, never by the deck. It checks the cell against the standard
 * library of a worker (where cells run), kowakunai's API and the .d.ts of the packages the deck bundled — all
 * files fetched once from the deck's own host, none from anywhere else.
 */
import ts from 'typescript-5';
import type { FromTypes, ToTypes, TypeDiagnostic } from './types-protocol.js';

const CELL = '/cell.ts';
const files = new Map<string, string>();
let source = '';
let version = 0;
let ready: Promise<ts.LanguageService> | undefined;

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  // a cell is a module even without imports: top-level await is allowed in every cell
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ['lib.es2022.d.ts', 'lib.webworker.d.ts'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

function post(msg: FromTypes): void {
  self.postMessage(msg);
}

async function start(libUrl: string, typesUrl?: string): Promise<ts.LanguageService> {
  const load = async (url: string): Promise<Record<string, string>> => (await fetch(url)).json() as Promise<Record<string, string>>;
  const [lib, types] = await Promise.all([load(libUrl), typesUrl ? load(typesUrl) : Promise.resolve<Record<string, string>>({})]);
  for (const [path, text] of Object.entries({ ...lib, ...types })) files.set(path, text);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [CELL, ...[...files.keys()].filter((f) => f.startsWith('/ambient/'))],
    getScriptVersion: (f) => (f === CELL ? String(version) : '1'),
    getScriptSnapshot: (f) => {
      const text = f === CELL ? source : files.get(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: () => '/lib/lib.d.ts',
    fileExists: (f) => f === CELL || files.has(f),
    readFile: (f) => (f === CELL ? source : files.get(f)),
    directoryExists: (d) => {
      const dir = d.endsWith('/') ? d : `${d}/`;
      for (const f of files.keys()) if (f.startsWith(dir)) return true;
      return false;
    },
    getDirectories: () => [],
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  // parse and bind the standard library now, while the speaker reads the code: most of the first check's cost
  service.getSemanticDiagnostics(CELL);
  return service;
}

function update(text: string): void {
  if (text === source) return;
  source = text;
  version++;
}

function diagnostics(service: ts.LanguageService): TypeDiagnostic[] {
  const all = [...service.getSyntacticDiagnostics(CELL), ...service.getSemanticDiagnostics(CELL)];
  return all.map((d) => ({
    from: d.start ?? 0,
    to: (d.start ?? 0) + (d.length ?? 0),
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
  }));
}

self.onmessage = async (event: MessageEvent<ToTypes>) => {
  const msg = event.data;
  if (msg.type === 'init') {
    ready ??= start(msg.libUrl, msg.typesUrl);
    ready.catch((e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
    return;
  }
  try {
    if (!ready) throw new Error('the type checker was used before init');
    const service = await ready;
    update(msg.source);
    if (msg.type === 'diagnostics') {
      post({ type: 'diagnostics', id: msg.id, diagnostics: diagnostics(service) });
    } else if (msg.type === 'hover') {
      const info = service.getQuickInfoAtPosition(CELL, msg.pos);
      const doc = info?.documentation?.length ? `\n${ts.displayPartsToString(info.documentation)}` : '';
      post({
        type: 'hover',
        id: msg.id,
        text: info ? ts.displayPartsToString(info.displayParts) + doc : null,
        from: info?.textSpan.start ?? msg.pos,
        to: info ? info.textSpan.start + info.textSpan.length : msg.pos,
      });
    } else {
      const list = service.getCompletionsAtPosition(CELL, msg.pos, { includeCompletionsForModuleExports: false });
      const word = /[\w$]*$/.exec(source.slice(0, msg.pos))?.[0] ?? '';
      post({
        type: 'complete',
        id: msg.id,
        from: msg.pos - word.length,
        items: (list?.entries ?? []).slice(0, 400).map((e) => ({ label: e.name, kind: e.kind })),
      });
    }
  } catch (e) {
    post({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
};
