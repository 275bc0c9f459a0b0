/**
 * What a verb is, and how its arguments are read: esbuild's style — few verbs, each with its own options,
 * `--help` for each, and a one-line error with exit code 2 for anything the verb does not know.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'boolean' | 'string';
  /** shown in --help */
  help: string;
  /** the value's name in --help, e.g. "dir" */
  value?: string;
}

export interface Verb {
  name: string;
  /** one line, for `kowakunai --help` */
  summary: string;
  /** the arguments after the verb, e.g. "[deck.mdx | folder …]" */
  args: string;
  /** lines after the options in --help: what the arguments mean, an example */
  details?: string[];
  options: Record<string, OptionSpec>;
  run(input: VerbInput): Promise<number>;
}

export interface VerbInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A mistake in how the command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseVerbArgs(verb: Verb, argv: string[]): VerbInput {
  const options = Object.fromEntries(Object.entries(verb.options).map(([name, o]) => [name, { type: o.type }]));
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as VerbInput['values'], positionals };
  } catch (error) {
    // node's messages are long and mention parseArgs; say it in the user's terms
    const message = String((error as Error).message);
    const flag = /'(-[^']*)'/.exec(message)?.[1] ?? /option "?(-\S+?)"?\b/.exec(message)?.[1];
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${flag ?? ''} for "kowakunai ${verb.name}" (see kowakunai ${verb.name} --help)`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${message.split('\n')[0]} (see kowakunai ${verb.name} --help)`);
    throw new UsageError(`${message.split('\n')[0]} (see kowakunai ${verb.name} --help)`);
  }
}

export function verbHelp(verb: Verb): string {
  const opts = Object.entries(verb.options).map(([name, o]) => [`--${name}${o.value ? ` <${o.value}>` : ''}`, o.help] as const);
  opts.push(['--help', 'show this help']);
  const width = Math.max(...opts.map(([flag]) => flag.length));
  return [
    `Usage: kowakunai ${verb.name} ${verb.args}`.trimEnd(),
    '',
    verb.summary,
    '',
    'Options:',
    ...opts.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
    ...(verb.details ? ['', ...verb.details] : []),
    '',
  ].join('\n');
}

/** The site's folder from --out, else dist/, as an absolute path. */
export function outOption(value: string | boolean | undefined): string {
  return resolve(typeof value === 'string' ? value : 'dist');
}

/** A port from --port, else $PORT, else the verb's default. */
export function portOption(value: string | boolean | undefined, fallback: number): number {
  const raw = typeof value === 'string' ? value : (process.env.PORT ?? String(fallback));
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`not a port number: ${raw}`);
  return port;
}
