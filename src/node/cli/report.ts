/** How a verb reports a failure: build errors at file:line:col, a usage mistake or anything else in one line. */
import { BuildError } from '../pipeline/errors.js';
import { BuildFailed } from '../pipeline/site.js';
import { UsageError } from './verb.js';

/** Prints the failure; returns the exit code: 2 for a usage mistake, 1 for the rest. */
export function reportError(verb: string, error: unknown): number {
  if (error instanceof UsageError) {
    console.error(`kowakunai ${verb}: ${error.message}`);
    return 2;
  }
  if (error instanceof BuildFailed) {
    for (const e of error.errors) console.error(e.format());
    console.error(`\nbuild failed: ${error.errors.length} error(s)`);
  } else if (error instanceof BuildError) {
    console.error(error.format());
  } else {
    console.error(`kowakunai ${verb}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return 1;
}
