// Drafting the project's expectations document from the training data's profile: the work of
// "ML Lifecycle: Draft Expectations from Profile" and `mlcycle draft-expectations`. The user's
// text is never written over: a re-draft adds the entries of new columns to the end of the
// user's list and keeps every other byte; a document that cannot be merged into safely is left
// alone and the draft goes beside it, to the first free `<name>.draft[-n].yaml`.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { JobError } from '../../protocol/jobError';
import { readTextIfExists, writeTextAtomic } from '../dictionary/dictionaryFiles';
import { profileParamsKey } from '../profile/profileParams';
import { findCachedProfile, profileRecord } from '../profile/profileRecord';
import type { DatasetProfile, ProfileParams } from '../profile/profileTypes';
import { projectProfileParams } from '../profile/projectProfileParams';
import type { ProjectFile } from '../project/projectFile';
import { sha256File, writeRecord } from '../records';
import { draftExpectations } from './draftExpectations';
import { mergeExpectations } from './mergeExpectations';

/**
 * created: there was no document, the draft is it. merged: entries for new columns were added
 * to the user's document. up-to-date: the document has entries for every column, nothing was
 * written. beside: the document cannot be merged into, the draft went to a file beside it.
 */
export type ExpectationsDraftMode = 'created' | 'merged' | 'up-to-date' | 'beside';

export interface ExpectationsDraftOutcome {
  mode: ExpectationsDraftMode;
  /** The file written (or, up to date, the document), relative to the project root (forward slashes). */
  path: string;
  absolute: string;
  /** The project's expectations document (documents.expectations). */
  document: string;
  reusedProfile: boolean;
  /** Columns whose drafted entries were written (every column when created, the new ones when merged). */
  added: string[];
  /** Columns the user's document has entries for, kept as written. */
  kept: string[];
  /** Columns the user's document has entries for that the data no longer has (kept too). */
  notInData: string[];
  /** beside: why the document could not be merged into. */
  reason?: string;
  /** One sentence, as the editor shows it. */
  message: string;
}

export interface ExpectationsDraftHooks {
  /** Profiles the training data; undefined when cancelled or failed (the caller told the user). */
  profile(params: ProfileParams): Promise<DatasetProfile | undefined>;
  /** Called just before the user's document is written; throws to refuse (the editor: unsaved edits). */
  beforeWrite?(absolute: string): void;
  /** The CLI's --missing-values (replaces mlcycle.yaml's missingValues). */
  missingValues?: readonly string[];
}

const toPosix = (path: string) => path.split('\\').join('/');

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The expectations document when absent, else the first free `<name>.draft[-n].yaml` beside it. */
export async function expectationsDraftPath(target: string): Promise<string> {
  if (!(await exists(target))) return target;
  const stem = join(dirname(target), basename(target, extname(target)));
  for (let n = 1; ; n++) {
    const candidate = `${stem}.draft${n === 1 ? '' : `-${n}`}${extname(target) || '.yaml'}`;
    if (!(await exists(candidate))) return candidate;
  }
}

/** The recorded profile of the training data when the file and the parameters are unchanged, else a new one (recorded). */
async function trainingProfile(
  root: string,
  project: ProjectFile,
  hooks: ExpectationsDraftHooks,
): Promise<{ profile?: DatasetProfile; reused: boolean }> {
  const file = resolve(root, project.datasets.train);
  const params = projectProfileParams(file, root, project, true, hooks.missingValues);
  const cached = await findCachedProfile(root, 'train', await sha256File(file), profileParamsKey(params));
  if (cached) return { profile: cached, reused: true };
  const profile = await hooks.profile(params);
  if (profile) await writeRecord(root, profileRecord(root, 'train', profile));
  return { profile, reused: false };
}

/** Writes `text` to `target`, or to the first free draft name beside it; never over a file ('wx'). */
async function writeNewFile(target: string, text: string): Promise<string> {
  let absolute = await expectationsDraftPath(target);
  await mkdir(dirname(absolute), { recursive: true });
  for (;;) {
    try {
      await writeFile(absolute, text, { encoding: 'utf8', flag: 'wx' });
      return absolute;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      absolute = await expectationsDraftPath(target);
    }
  }
}

/**
 * Drafts the expectations into the project's document: creates it, or merges the entries of
 * new columns into it (see mergeExpectations), or, when it cannot be merged into, drafts beside
 * it. Undefined when profiling was cancelled.
 */
export async function draftExpectationsFile(
  root: string,
  project: ProjectFile,
  hooks: ExpectationsDraftHooks,
): Promise<ExpectationsDraftOutcome | undefined> {
  const train = resolve(root, project.datasets.train);
  if (!(await exists(train)))
    throw new JobError(
      'bad-input',
      `The training data ${project.datasets.train} does not exist (mlcycle.yaml datasets.train).`,
      { file: train },
    );
  const { profile, reused } = await trainingProfile(root, project, hooks);
  if (!profile) return undefined;
  const trainPath = toPosix(project.datasets.train);
  const document = toPosix(project.documents.expectations);
  const target = resolve(root, project.documents.expectations);
  const columns = profile.columns.map((c) => c.name);
  const common = { document, reusedProfile: reused };
  const existing = await readTextIfExists(target);
  if (existing !== undefined) {
    const merge = mergeExpectations(existing, profile, document);
    const { added, kept, notInData } = merge;
    if (merge.text === existing)
      return {
        ...common,
        mode: 'up-to-date',
        path: document,
        absolute: target,
        added,
        kept,
        notInData,
        message: `${document} already has entries for every column of ${trainPath}: nothing to add.`,
      };
    if (merge.text !== undefined) {
      hooks.beforeWrite?.(target);
      // The document may have changed while the data was profiled: merge only into what was read.
      if ((await readTextIfExists(target)) !== existing)
        throw new JobError('bad-input', `${document} changed while the data was profiled: draft again.`, {
          file: target,
        });
      await writeTextAtomic(target, merge.text);
      return {
        ...common,
        mode: 'merged',
        path: document,
        absolute: target,
        added,
        kept,
        notInData,
        message: `${document}: entries added for ${added.length} new column${added.length === 1 ? '' : 's'} (${added.join(', ')}); your entries for ${kept.length} column${kept.length === 1 ? '' : 's'} kept as you wrote them.`,
      };
    }
    const absolute = await writeNewFile(target, draftExpectations(profile));
    const path = toPosix(relative(root, absolute));
    return {
      ...common,
      mode: 'beside',
      path,
      absolute,
      added: columns,
      kept: [],
      notInData: [],
      reason: merge.reason,
      message: `${document} cannot be merged into (${merge.reason}), so the draft went to ${path}: merge what you want to keep.`,
    };
  }
  const absolute = await writeNewFile(target, draftExpectations(profile));
  const path = toPosix(relative(root, absolute));
  const mode = absolute === target ? 'created' : 'beside';
  return {
    ...common,
    mode,
    path,
    absolute,
    added: columns,
    kept: [],
    notInData: [],
    message:
      mode === 'created'
        ? `${path}: expectations drafted for ${columns.length} columns from ${trainPath}. Review every line.`
        : `${document} appeared while the data was profiled, so the draft went to ${path}: merge what you want to keep.`,
  };
}
