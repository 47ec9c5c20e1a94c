// Drafting the project's data dictionary file: choose the dataset, reuse its current profile
// record or profile it (and record that), then draft the dictionary or merge the news into the
// user's one, and write it atomically with the draft baseline. The editor's "Draft Data
// Dictionary" and `mlcycle draft-dictionary` both run this; each supplies how to profile (the
// editor's worker, the CLI's own process). A dictionary that does not parse is never touched.
import { join, relative } from 'node:path';
import { JobError } from '../../protocol/jobError';
import { resolveInside } from '../paths';
import { profileRecord } from '../profile/profileRecord';
import type { DatasetProfile, ProfileParams } from '../profile/profileTypes';
import { projectProfileParams, sameMissingValues } from '../profile/projectProfileParams';
import { DATASET_ROLES, type DatasetRole, type ProjectFile } from '../project/projectFile';
import { writeRecord } from '../records';
import { readBaseline, readTextIfExists, writeBaseline, writeTextAtomic } from './dictionaryFiles';
import { draftDictionary, type DraftResult } from './draftDictionary';
import { freshProfile } from './freshProfile';
import { parseForMerge } from './mergeDictionary';

export interface DictionaryDatasetChoice {
  absolute: string;
  /** Relative to the project root, with forward slashes. */
  path: string;
  /** The project's role for this file, if it is one of the project's datasets. */
  role?: DatasetRole;
}

/** What a draft did, for the editor, the CLI and tests. */
export interface DictionaryDraftOutcome extends Omit<DraftResult, 'text' | 'baseline'> {
  /** The dictionary, relative to the project root. */
  path: string;
  /** The dataset drafted from, relative to the project root. */
  dataset: string;
  /** False when the dictionary was already up to date. */
  written: boolean;
  /** Whether the profile came from a current record rather than a new profiling run. */
  reusedProfile: boolean;
  /** One sentence on what changed, as the editor shows it. */
  message: string;
}

export interface DictionaryDraftHooks {
  /** Profiles a dataset; undefined when cancelled or failed (the caller told the user). */
  profile(params: ProfileParams, dataset: DictionaryDatasetChoice): Promise<DatasetProfile | undefined>;
  /** Called just before the dictionary is written; throws to refuse (the editor: unsaved edits). */
  beforeWrite?(absolute: string): void;
  now?: Date;
  /** The CLI's --missing-values (replaces mlcycle.yaml's missingValues). */
  missingValues?: readonly string[];
}

const toPosix = (path: string) => path.split('\\').join('/');

/** The dataset to draft from: a role name, a file path (absolute or relative to the root), or the training data. */
export function chooseDictionaryDataset(root: string, project: ProjectFile, arg?: string): DictionaryDatasetChoice {
  if (arg === undefined || (DATASET_ROLES as readonly string[]).includes(arg)) {
    const role = (arg ?? 'train') as DatasetRole;
    const path = project.datasets[role];
    if (!path) throw new JobError('bad-input', `The project has no ${role} dataset (mlcycle.yaml datasets.${role}).`);
    return { absolute: resolveInside(root, path), path: toPosix(path), role };
  }
  const absolute = resolveInside(root, arg);
  const role = DATASET_ROLES.find((r) => project.datasets[r] && join(root, project.datasets[r]!) === absolute);
  return { absolute, path: toPosix(relative(root, absolute)), role };
}

/** The editor's notification text: how many fields, and what changed. */
export function dictionaryDraftSummary(result: Omit<DraftResult, 'text' | 'baseline'>, path: string): string {
  const total = result.added.length + result.kept.length;
  if (result.kept.length === 0 && result.removed.length === 0)
    return `${path}: ${total} fields drafted. Fill in the definitions and units.`;
  const parts = [`${total} fields`];
  if (result.added.length) parts.push(`${result.added.length} new`);
  if (result.removed.length) parts.push(`${result.removed.length} removed`);
  if (result.restored.length) parts.push(`${result.restored.length} back in the data`);
  if (result.refreshed.length)
    parts.push(`${result.refreshed.length} observed figure${result.refreshed.length > 1 ? 's' : ''} refreshed`);
  if (result.preserved.length) parts.push(`${result.preserved.length} of your edited figures kept`);
  return `${path}: ${parts.join(', ')}.`;
}

/** A current profile record of the role, or a new profile (recorded for the role). */
async function profileFor(
  root: string,
  project: ProjectFile,
  dataset: DictionaryDatasetChoice,
  hooks: DictionaryDraftHooks,
): Promise<{ profile?: DatasetProfile; reused: boolean }> {
  const params = projectProfileParams(dataset.absolute, root, project, true, hooks.missingValues);
  if (dataset.role) {
    const recorded = await freshProfile(root, dataset.role, dataset.absolute);
    // Read with other missing-value markers, its missing counts would be another file's.
    if (recorded && sameMissingValues(recorded.missingValues, params)) return { profile: recorded, reused: true };
  }
  const profile = await hooks.profile(params, dataset);
  if (profile && dataset.role) await writeRecord(root, profileRecord(root, dataset.role, profile));
  return { profile, reused: false };
}

/**
 * Drafts `project.documents.dataDictionary` from `dataset` (see chooseDictionaryDataset).
 * Undefined when profiling was cancelled. Throws DictionaryError (with line and column) when
 * the user's dictionary cannot be merged; the file is then left as it was.
 */
export async function draftDictionaryFile(
  root: string,
  project: ProjectFile,
  datasetArg: string | undefined,
  hooks: DictionaryDraftHooks,
): Promise<DictionaryDraftOutcome | undefined> {
  const docPath = toPosix(project.documents.dataDictionary);
  const dataset = chooseDictionaryDataset(root, project, datasetArg);
  const absolute = resolveInside(root, docPath);

  // Refuse an unmergeable dictionary before spending time on a profile.
  const existing = await readTextIfExists(absolute);
  if (existing !== undefined) parseForMerge(existing, docPath);

  const { profile, reused } = await profileFor(root, project, dataset, hooks);
  if (!profile) return undefined;

  // The file may have changed while the profile ran: merge into what is there now.
  const current = await readTextIfExists(absolute);
  const baseline = current === undefined ? undefined : await readBaseline(root, docPath);
  const result = draftDictionary(profile, current, { baseline, file: docPath, now: hooks.now });
  const written = result.text !== current;
  if (written) {
    hooks.beforeWrite?.(absolute);
    await writeTextAtomic(absolute, result.text);
  }
  await writeBaseline(root, docPath, result.baseline);
  const { added, removed, kept, restored, refreshed, preserved } = result;
  const message = written ? dictionaryDraftSummary(result, docPath) : `${docPath} is up to date with ${dataset.path}.`;
  return {
    added,
    removed,
    kept,
    restored,
    refreshed,
    preserved,
    path: docPath,
    dataset: dataset.path,
    written,
    reusedProfile: reused,
    message,
  };
}
