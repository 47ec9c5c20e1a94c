// Every command of the `mlcycle` CLI, in the order `--help` lists them.
import type { CliCommand } from './command';
import { inspectCommand } from './inspectCommand';
import { profileCommand } from './profileCommand';
import { validateCommand } from './validateCommand';

export const COMMAND_TABLE: readonly CliCommand[] = [inspectCommand, profileCommand, validateCommand];
