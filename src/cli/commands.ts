// Every command of the `mlcycle` CLI, in the order `--help` lists them.
import type { CliCommand } from './command';
import { inspectCommand } from './inspectCommand';
import { profileCommand } from './profileCommand';
import { validateCommand } from './validateCommand';
import { trainCommand } from './trainCommand';
import { tuneCommand } from './tuneCommand';
import { evaluateCommand } from './evaluateCommand';
import { predictCommand } from './predictCommand';
import { explainCommand } from './explainCommand';
import { packageCommand } from './packageCommand';
import { serveCommand } from './serveCommand';
import { modelCardCommand } from './modelCardCommand';
import { initCommand } from './initCommand';
import { draftDictionaryCommand } from './draftDictionaryCommand';
import { draftExpectationsCommand } from './draftExpectationsCommand';
import { statusCommand } from './statusCommand';

export const COMMAND_TABLE: readonly CliCommand[] = [
  initCommand,
  inspectCommand,
  profileCommand,
  validateCommand,
  trainCommand,
  tuneCommand,
  evaluateCommand,
  predictCommand,
  explainCommand,
  packageCommand,
  serveCommand,
  modelCardCommand,
  draftDictionaryCommand,
  draftExpectationsCommand,
  statusCommand,
];
