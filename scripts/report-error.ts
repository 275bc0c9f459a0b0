/** How the scripts that build on demand (pdf, check) report a failure: build errors at file:line:col, else one line. */
import { BuildError } from '../src/node/pipeline/errors.js';
import { BuildFailed } from '../src/node/pipeline/site.js';

export function reportError(script: string, error: unknown): void {
  if (error instanceof BuildFailed) {
    for (const e of error.errors) console.error(e.format());
    console.error(`\nbuild failed: ${error.errors.length} error(s)`);
  } else if (error instanceof BuildError) {
    console.error(error.format());
  } else {
    console.error(`${script}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
