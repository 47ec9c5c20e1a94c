// Drafting the project's expectations document from the training data's profile: the behind
// of "ML Lifecycle: Draft Expectations from Profile" and `mlcycle draft-expectations`. The user's
// document is never written over: when it exists, the draft goes beside it to the first free
// `<name>.draft[-n].yaml`, and the outcome says which columns the draft covers that the user's
// document does not, so the user knows what to merge.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { JobError } from '../../protocol/jobError';
import { readTextIfExists } from '../dictionary/dictionaryFiles';
import { profileParamsKey } from '../profile/profileParams';
import { findCachedProfile, profileRecord } from '../profile/profileRecord';
import type { DatasetProfile, ProfileParams } from '../profile/profileTypes';
import { projectProfileParams } from '../profile/projectProfileParams';
import type { ProjectFile } from '../project/projectFile';
import { sha256File, writeRecord } from '../records';
import { draftExpectations } from './draftExpectations';
import { parseExpectations } from './parseExpectations';

export interface ExpectationsDraftOutcome {
  /** The file written, relative to the project root (forward slashes). */
  path: string;
  absolute: string;
  /** The project's expectations document (documents.expectations). */
  document: string;
  /** True when the document existed, so the draft went beside it. */
  beside: boolean;
  reusedProfile: boolean;
  /** The columns the draft has an entry for. */
  columns: string[];
  /** With `beside`: the draft's columns the user's document has no entry for (undefined when it does not parse). */
  uncovered?: string[];
  /** One sentence, as the editor shows it. */
  message: string;
}

export interface ExpectationsDraftHooks {
  /** Profiles the training data; undefined when cancelled or failed (the caller told the user). */
  profile(params: ProfileParams): Promise<DatasetProfile | undefined>;
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

/** The columns an expectations document has entries for; undefined when it does not parse. */
export function expectationColumns(text: string): Set<string> | undefined {
  const { suite } = parseExpectations(text);
  if (!suite) return undefined;
  const columns = new Set<string>();
  for (const check of suite.checks) if ('column' in check.spec) columns.add(check.spec.column);
  return columns;
}

/** The recorded profile of the training data when the file and the parameters are unchanged, else a new one (recorded). */
async function trainingProfile(
  root: string,
  project: ProjectFile,
  hooks: ExpectationsDraftHooks,
): Promise<{ profile?: DatasetProfile; reused: boolean }> {
  const file = resolve(root, project.datasets.train);
  const params = projectProfileParams(file, root, project, true);
  const cached = await findCachedProfile(root, 'train', await sha256File(file), profileParamsKey(params));
  if (cached) return { profile: cached, reused: true };
  const profile = await hooks.profile(params);
  if (profile) await writeRecord(root, profileRecord(root, 'train', profile));
  return { profile, reused: false };
}

/** Drafts the expectations; undefined when profiling was cancelled. */
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
  const text = draftExpectations(profile);
  const target = resolve(root, project.documents.expectations);
  let absolute = await expectationsDraftPath(target);
  await mkdir(dirname(absolute), { recursive: true });
  // 'wx': never replace a file, even one created since we looked (then take the next free name).
  for (;;) {
    try {
      await writeFile(absolute, text, { encoding: 'utf8', flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      absolute = await expectationsDraftPath(target);
    }
  }
  const path = toPosix(relative(root, absolute));
  const document = toPosix(project.documents.expectations);
  const columns = profile.columns.map((c) => c.name);
  const beside = absolute !== target;
  let uncovered: string[] | undefined;
  if (beside) {
    const covered = expectationColumns((await readTextIfExists(target)) ?? '');
    uncovered = covered ? columns.filter((c) => !covered.has(c)) : undefined;
  }
  const message = beside
    ? `${document} already exists, so the draft went to ${path}: merge what you want to keep.`
    : `${path}: expectations drafted for ${columns.length} columns from ${toPosix(project.datasets.train)}. Review every line.`;
  return { path, absolute, document, beside, reusedProfile: reused, columns, uncovered, message };
}
