/** Entry of the child process that records one cell (bundled by node-runtime.ts, forked by record.ts). */
import { pathToFileURL } from 'node:url';
import { runCell, type RunFields } from '../../../sandbox/run-cell';
import { createNodePlatform } from './node-platform';

export interface RecordWorkerData {
  req: RunFields;
  /** the compiled cell, written to a file: a file URL keeps stack traces short (a data: URL would repeat the code) */
  cellFile: string;
  poolWorkerFile: string;
}

// Stack traces must name the compiled module: the runtime maps them to the cell itself (source-map.ts). A parent
// started with source maps on (tsx turns them on) would otherwise have Node rewrite them halfway.
process.setSourceMapsEnabled(false);

// the run's data is the first IPC message from record.ts
const data = await new Promise<RecordWorkerData>((resolve) => process.once('message', (m) => resolve(m as RecordWorkerData)));
const moduleUrl = pathToFileURL(data.cellFile).href;

void runCell(data.req, {
  platform: createNodePlatform({ poolWorkerFile: data.poolWorkerFile }),
  post: (msg) => process.send!(msg),
  moduleUrl,
  importCell: () => import(moduleUrl) as Promise<Record<string, unknown>>,
  importModule: (code) => import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`) as Promise<Record<string, unknown>>,
  onUncaught: (cb) => {
    process.on('uncaughtException', cb);
    process.on('unhandledRejection', cb);
  },
});
