// Dispatches `mlcycle <command> [options]` to the command table and maps every outcome to an
// exit code: 0 ok, 1 check failed, 2 usage or read error, 130 interrupted.
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { fsErrorCode, fsReason } from '../core/fsErrors';
import { JobError } from '../protocol/jobError';
import type { CliCommand } from './command';
import { COMMAND_TABLE } from './commands';
import { EXIT, UsageError, type CliIO } from './io';

function generalHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `mlcycle ${version}: the command-line twin of the ML Lifecycle VS Code extension`,
    '',
    'Usage: mlcycle <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also: mlcycle <command> --help)',
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 ok, 1 check failed, 2 usage or read error, 130 / 143 / 129 interrupted (SIGINT, i.e. Ctrl-C / SIGTERM / SIGHUP).',
    '',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  const lines = [`Usage: ${command.usage}`, '', command.summary, ''];
  const entries = Object.entries(command.options);
  if (entries.length > 0) {
    lines.push('Options:');
    const names = entries.map(
      ([name, o]) => `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ' <value>' : ''}`,
    );
    const width = Math.max(...names.map((n) => n.length));
    entries.forEach(([, o], i) => lines.push(`  ${names[i].padEnd(width)}  ${o.description}`));
    lines.push('');
  }
  return lines.join('\n') + '\n';
}

export async function runCli(
  argv: string[],
  io: CliIO,
  signal: AbortSignal,
  commands: readonly CliCommand[] = COMMAND_TABLE,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(generalHelp(commands));
    return EXIT.usage;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const named = first === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(named ? commandHelp(named) : generalHelp(commands));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.stderr.write(`mlcycle: unknown command "${first}"\n\n${generalHelp(commands)}`);
    return EXIT.usage;
  }

  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run({
      positionals,
      values: values as Record<string, string | boolean | undefined>,
      io,
      signal,
    });
  } catch (error) {
    return reportError(command, error, io, signal);
  }
}

/** A raw file system error (ENOENT ...) that no job put into words: the file and the reason, in ours. */
function systemErrorSentence(error: unknown): string | undefined {
  const code = fsErrorCode(error);
  if (!code) return undefined;
  const { path, syscall } = error as NodeJS.ErrnoException;
  const verb = /write|rename|mkdir|unlink|rm|open.*w/.test(syscall ?? '') ? 'write' : 'read';
  return path ? `Cannot ${verb} ${path}: ${fsReason(error)}.` : `A file operation failed: ${fsReason(error)}.`;
}

function reportError(command: CliCommand, error: unknown, io: CliIO, signal: AbortSignal): number {
  const argumentError = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (error instanceof UsageError || argumentError) {
    io.stderr.write(`mlcycle ${command.name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return EXIT.usage;
  }
  const failure = JobError.from(error);
  if (failure.code === 'cancelled') {
    const reason = typeof signal.reason === 'string' ? ` (${signal.reason})` : '';
    io.stderr.write(`mlcycle ${command.name}: cancelled${reason}\n`);
    return EXIT.interrupted;
  }
  const raw = failure.code === 'failed' ? systemErrorSentence(error) : undefined;
  io.stderr.write(`mlcycle ${command.name}: ${raw ?? failure.message}\n`);
  if (failure.code === 'failed' && process.env.MLCYCLE_DEBUG && failure.stack) io.stderr.write(`${failure.stack}\n`);
  return EXIT.usage;
}
