/** npm run build — the static site in dist/. Exits non-zero with file:line:col on bad input. */
import { relative } from 'node:path';
import { BuildFailed, buildSite } from '../src/node/pipeline/site.js';
import { formatSummary } from '../src/node/pipeline/summary.js';
import { toBuildErrors } from '../src/node/pipeline/errors.js';

const outDir = process.env.KOWAKUNAI_OUT ?? 'dist';
const slidesDir = process.env.KOWAKUNAI_SLIDES ?? 'slides';
try {
  const summary = await buildSite({ outDir, slidesDir });
  console.log(formatSummary(summary, relative(process.cwd(), outDir) || outDir));
} catch (error) {
  const errors = error instanceof BuildFailed ? error.errors : toBuildErrors(error, slidesDir);
  for (const e of errors) console.error(e.format());
  console.error(`\nbuild failed: ${errors.length} error(s)`);
  process.exit(1);
}
