// The shape of one CLI command. Adding a command (profile, validate, train ...) is writing one
// of these and listing it in commands.ts; parsing, help, errors and exit codes are shared.
import type { CliIO } from './io';

export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
}

export interface CliInvocation {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  io: CliIO;
  /** Fires on Ctrl-C; pass it to the job. */
  signal: AbortSignal;
}

export interface CliCommand {
  name: string;
  /** One line for `mlcycle --help`. */
  summary: string;
  usage: string;
  options: Record<string, CliOption>;
  /** Returns the exit code (see EXIT); throws UsageError or JobError for the shared handling. */
  run(invocation: CliInvocation): Promise<number>;
}
