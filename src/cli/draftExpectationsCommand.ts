// `mlcycle draft-expectations`: the editor's "Draft Expectations from Profile" from the command
// line, through the same core function: the project's expectations document is drafted, or the
// entries of columns it has none for are added to its end, every other byte as you wrote it; a
// document that cannot be merged into is left alone and the draft goes beside it.
// Exit 0 when drafted (or up to date), 2 when the project or the training data cannot be read.
import { profile } from '../core/profile/profileDataset';
import { draftExpectationsFile, type ExpectationsDraftOutcome } from '../core/validation/draftExpectationsFile';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { runWithProgressLine, writeResult } from './jobOutput';
import { loadProject } from './projectContext';
import { MISSING_VALUES_OPTION, missingValuesOption } from './missingValuesOption';

const list = (names: string[]) => `${names.length}: ${names.join(', ')}`;

export function formatExpectationsDraft(outcome: ExpectationsDraftOutcome): string {
  const lines = [outcome.message];
  lines.push(
    outcome.reusedProfile
      ? '  drafted from the current profile record of the training data (the file is unchanged since)'
      : '  drafted from a new profile of the training data',
  );
  if (outcome.mode === 'merged') lines.push(`  added entries for (${list(outcome.added)})`);
  if (outcome.mode === 'merged' || outcome.mode === 'up-to-date')
    lines.push(`  kept your entries for (${list(outcome.kept)})`);
  if (outcome.mode === 'beside') lines.push(`  kept ${outcome.document} as you wrote it`);
  if (outcome.notInData.length > 0)
    lines.push(`  kept, though the data no longer has them (${list(outcome.notInData)})`);
  return lines.join('\n') + '\n';
}

export const draftExpectationsCommand: CliCommand = {
  name: 'draft-expectations',
  summary:
    "Draft data expectations from the training data's profile, or add the new columns' entries to yours (never over your text).",
  usage: 'mlcycle draft-expectations [--root <dir>] [--json <out.json|->] [--missing-values <a,b,...>]',
  options: {
    root: {
      type: 'string',
      description: 'the project folder (default: the folder holding mlcycle.yaml at or above the working directory)',
    },
    json: { type: 'string', description: 'also write the outcome as JSON to this file ("-" for stdout only)' },
    'missing-values': MISSING_VALUES_OPTION,
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length > 0)
      throw new UsageError(`Unexpected argument "${positionals[0]}": expectations are drafted from datasets.train.`);
    const { root, project } = await loadProject(values, io);
    const outcome = await draftExpectationsFile(root, project, {
      profile: (params) => runWithProgressLine(io, 'profile', signal, (ctx) => profile(params, ctx)),
      ...(missingValuesOption(values) ? { missingValues: missingValuesOption(values) } : {}),
    });
    if (!outcome) return EXIT.interrupted;
    await writeResult(io, values.json, outcome, () => formatExpectationsDraft(outcome));
    return EXIT.ok;
  },
};
