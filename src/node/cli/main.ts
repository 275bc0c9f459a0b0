/**
 * kowakunai — the command line. One entry per verb (adding one is one import and one line in VERBS);
 * `kowakunai <verb> --help` for each. Exit codes: 0 done, 1 the work failed (a build error, a slide that does
 * not fit), 2 the command was called wrongly (an unknown flag, a missing deck).
 */
import { build } from './build.js';
import { check } from './check.js';
import { dev } from './dev.js';
import { exportVerb } from './export.js';
import { importDeck } from './import.js';
import { newDeck } from './new.js';
import { pdf } from './pdf.js';
import { present } from './present.js';
import { preview } from './preview.js';
import { record } from './record.js';
import { reportError } from './report.js';
import { parseVerbArgs, verbHelp, type Verb } from './verb.js';

export const VERBS: readonly Verb[] = [dev, build, preview, present, record, pdf, exportVerb, check, newDeck, importDeck];

function mainHelp(): string {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  return [
    'Usage: kowakunai <command> [decks] [options]',
    '',
    'MDX slide decks with live, timed, sandboxed code cells.',
    '',
    'Commands:',
    ...VERBS.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
    '',
    'kowakunai <command> --help shows its options. Start with: kowakunai new my-talk && kowakunai dev my-talk',
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const verb = VERBS.find((v) => v.name === name);
  if (!verb) {
    console.error(`kowakunai: unknown command "${name}" (commands: ${VERBS.map((v) => v.name).join(', ')}; kowakunai --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(verbHelp(verb));
    return 0;
  }
  try {
    return await verb.run(parseVerbArgs(verb, rest));
  } catch (error) {
    return reportError(verb.name, error);
  }
}

process.exitCode = await main(process.argv.slice(2));
