// `mlcycle draft-dictionary [dataset]`: the editor's "Draft Data Dictionary" from the command
// line, through the same core function: a new dictionary drafted from the dataset's profile, or
// the profile's news merged into the user's dictionary without overwriting what the user wrote.
// Exit 0 when drafted (or up to date), 2 when the project, the data or the dictionary cannot be
// read (a dictionary that does not parse is left untouched, its line and column named).
import { resolve } from 'node:path';
import { draftDictionaryFile, type DictionaryDraftOutcome } from '../core/dictionary/draftDictionaryFile';
import { profile } from '../core/profile/profileDataset';
import { DATASET_ROLES } from '../core/project/projectFile';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { runWithProgressLine, writeResult } from './jobOutput';
import { loadProject } from './projectContext';
import { MISSING_VALUES_OPTION, missingValuesOption } from './missingValuesOption';

const LISTS: Array<[keyof DictionaryDraftOutcome, string]> = [
  ['added', 'added'],
  ['kept', 'kept as you wrote them'],
  ['removed', 'marked removed (no longer in the data)'],
  ['restored', 'back in the data'],
  ['refreshed', 'observed figures refreshed'],
  ['preserved', 'your edited figures kept'],
];

export function formatDictionaryDraft(outcome: DictionaryDraftOutcome, profileNote: string): string {
  const lines = [outcome.message, `  ${profileNote}`];
  for (const [key, label] of LISTS) {
    const names = outcome[key] as string[];
    if (names.length > 0) lines.push(`  ${label} (${names.length}): ${names.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

export const draftDictionaryCommand: CliCommand = {
  name: 'draft-dictionary',
  summary: "Draft the data dictionary from a dataset's profile, or merge the news into yours (never over your text).",
  usage:
    'mlcycle draft-dictionary [train|holdout|current|<file>] [--root <dir>] [--json <out.json|->] [--missing-values <a,b,...>]',
  options: {
    root: {
      type: 'string',
      description: 'the project folder (default: the folder holding mlcycle.yaml at or above the working directory)',
    },
    json: { type: 'string', description: 'also write the outcome as JSON to this file ("-" for stdout only)' },
    'missing-values': MISSING_VALUES_OPTION,
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length > 1) throw new UsageError('Give at most one dataset: a role (train ...) or a file.');
    const { root, project } = await loadProject(values, io);
    // A role names a project dataset; anything else is a file, relative to the working directory.
    const given = positionals[0];
    const dataset =
      given === undefined || (DATASET_ROLES as readonly string[]).includes(given) ? given : resolve(io.cwd, given);
    const outcome = await draftDictionaryFile(root, project, dataset, {
      profile: (params) => runWithProgressLine(io, 'profile', signal, (ctx) => profile(params, ctx)),
      ...(missingValuesOption(values) ? { missingValues: missingValuesOption(values) } : {}),
    });
    if (!outcome) return EXIT.interrupted;
    const profileNote = outcome.reusedProfile
      ? `drafted from the current profile record of ${outcome.dataset} (the file is unchanged since)`
      : `drafted from a new profile of ${outcome.dataset}`;
    await writeResult(io, values.json, outcome, () => formatDictionaryDraft(outcome, profileNote));
    return EXIT.ok;
  },
};
