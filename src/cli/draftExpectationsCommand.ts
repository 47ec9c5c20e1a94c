// `mlcycle draft-expectations`: the editor's "Draft Expectations from Profile" from the command
// line, through the same core function. The project's expectations document is never written
// over: when it exists the draft goes beside it (docs/expectations.draft.yaml ...), and the
// output names the columns the draft covers that your document does not yet.
// Exit 0 when a draft is written, 2 when the project or the training data cannot be read.
import { profile } from '../core/profile/profileDataset';
import { draftExpectationsFile, type ExpectationsDraftOutcome } from '../core/validation/draftExpectationsFile';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { runWithProgressLine, writeResult } from './jobOutput';
import { loadProject } from './projectContext';

export function formatExpectationsDraft(outcome: ExpectationsDraftOutcome): string {
  const lines = [outcome.message];
  lines.push(
    outcome.reusedProfile
      ? '  drafted from the current profile record of the training data (the file is unchanged since)'
      : '  drafted from a new profile of the training data',
  );
  if (outcome.beside) {
    lines.push(`  kept ${outcome.document} as you wrote it`);
    if (outcome.uncovered === undefined)
      lines.push(`  ${outcome.document} does not parse: check it with \`mlcycle validate\` before merging`);
    else if (outcome.uncovered.length === 0) lines.push(`  ${outcome.document} already covers every column`);
    else
      lines.push(
        `  new in the draft (${outcome.uncovered.length} column${outcome.uncovered.length === 1 ? '' : 's'} ${outcome.document} has no entry for): ${outcome.uncovered.join(', ')}`,
      );
  }
  return lines.join('\n') + '\n';
}

export const draftExpectationsCommand: CliCommand = {
  name: 'draft-expectations',
  summary:
    "Draft data expectations from the training data's profile; beside your document if you have one, never over it.",
  usage: 'mlcycle draft-expectations [--root <dir>] [--json <out.json|->]',
  options: {
    root: {
      type: 'string',
      description: 'the project folder (default: the folder holding mlcycle.yaml at or above the working directory)',
    },
    json: { type: 'string', description: 'also write the outcome as JSON to this file ("-" for stdout only)' },
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length > 0)
      throw new UsageError(`Unexpected argument "${positionals[0]}": expectations are drafted from datasets.train.`);
    const { root, project } = await loadProject(values, io);
    const outcome = await draftExpectationsFile(root, project, {
      profile: (params) => runWithProgressLine(io, 'profile', signal, (ctx) => profile(params, ctx)),
    });
    if (!outcome) return EXIT.interrupted;
    await writeResult(io, values.json, outcome, () => formatExpectationsDraft(outcome));
    return EXIT.ok;
  },
};
