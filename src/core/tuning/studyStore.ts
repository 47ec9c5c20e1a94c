// A study on disk: <project>/.mlcycle/studies/<id>/
//   study.json    what the study is (format version, space, directions, seed, stages, the spec
//                 it was started from), written atomically
//   trials.jsonl  append-only: one line per state change of a trial, each a whole snapshot, so
//                 the last line of a trial is its state; a crash can only tear the last line
//   owner.json    the process running the study (a lock; a dead owner's lock is taken over)
// A study from a newer format is refused, an older one migrated in memory, never misread.
import { appendFileSync, closeSync, fstatSync, openSync, readSync, truncateSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JobError } from '../../protocol/jobError';
import { fsErrorCode } from '../fsErrors';
import { isSafeName, newRunId, processAlive, writeJsonAtomic } from '../model/train/runFiles';
import { RECORDS_DIR } from '../project/projectFile';
import type { TrialRecord } from './study';
import type { Direction, SearchSpace } from './types';

export const STUDY_FORMAT_VERSION = 1;
export const STUDIES_DIR = join(RECORDS_DIR, 'studies');

export interface StageRecord {
  /** 0-based. */
  index: number;
  /** The space the stage samples (the first: the spec's; later: narrowed, maybe edited). */
  space: SearchSpace;
  trials: number;
  /** What narrowing changed, one line per parameter (and the user's edits, marked "(edited)"). */
  changes?: string[];
  /** The stage file the user edited the space in, relative to the project. */
  edited?: string;
}

export interface StudyFile {
  format: number;
  id: string;
  created: string;
  directions: Direction[];
  /** The metric of each objective, in the order of `directions` (e.g. ["roc_auc"]). */
  metrics?: string[];
  seed: number;
  space: SearchSpace;
  stages: StageRecord[];
  /** The tuning spec the study was started from, as parsed (opaque here). */
  spec: unknown;
}

export interface LoadedStudy {
  dir: string;
  study: StudyFile;
  trials: TrialRecord[];
  /** Things the loader repaired or migrated, for the user. */
  notices: string[];
}

export function studyDir(root: string, id: string): string {
  if (!isSafeName(id)) throw new JobError('bad-input', `"${id}" is not a study id.`);
  return join(root, STUDIES_DIR, id);
}

export async function createStudy(
  root: string,
  init: Omit<StudyFile, 'format' | 'id' | 'created'>,
  now = new Date(),
): Promise<LoadedStudy> {
  const id = newRunId(now);
  const dir = studyDir(root, id);
  await mkdir(dir, { recursive: true });
  const study: StudyFile = { format: STUDY_FORMAT_VERSION, id, created: now.toISOString(), ...init };
  await writeJsonAtomic(join(dir, 'study.json'), study, { createFolder: true });
  return { dir, study, trials: [], notices: [] };
}

export async function saveStudyFile(dir: string, study: StudyFile): Promise<void> {
  await writeJsonAtomic(join(dir, 'study.json'), study);
}

/** Reads study.json, migrating older formats; refuses newer ones and anything malformed. */
export function migrateStudyFile(raw: unknown, file: string, notices: string[]): StudyFile {
  const bad = (why: string) => new JobError('bad-input', `${file} is not a study file: ${why}.`, { file });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('it is not a JSON object');
  const r = raw as Record<string, unknown>;
  const format = r.format ?? r.version;
  if (typeof format !== 'number' || !Number.isInteger(format)) throw bad('it has no format version');
  if (format > STUDY_FORMAT_VERSION)
    throw new JobError(
      'bad-input',
      `${file} was written by a newer ML Lifecycle (study format ${format}; this version reads up to ${STUDY_FORMAT_VERSION}). Update the extension to open it.`,
      { file },
    );
  if (format === 0) {
    // Format 0: one objective as `direction`, no stages (the whole study was one stage).
    const { direction, trials, ...rest } = r;
    delete rest.version;
    notices.push(
      `${file}: study format 0 read as format 1 (one stage, one objective); it is rewritten on the next change.`,
    );
    return {
      ...(rest as Omit<StudyFile, 'format' | 'directions' | 'stages'>),
      format: STUDY_FORMAT_VERSION,
      directions: [direction as Direction],
      stages: [{ index: 0, space: rest.space as SearchSpace, trials: Number(trials ?? 0) }],
    };
  }
  for (const key of ['id', 'created', 'directions', 'seed', 'space', 'stages'])
    if (!(key in r)) throw bad(`the field "${key}" is missing`);
  return r as unknown as StudyFile;
}

/** The trials of a study, last snapshot per trial; a torn last line is dropped with a notice. */
export function parseTrialLog(text: string, file: string, notices: string[]): TrialRecord[] {
  const byNumber = new Map<number, TrialRecord>();
  const lines = text.split('\n');
  const complete = text.endsWith('\n') || text === '';
  lines.forEach((line, i) => {
    if (line === '') return;
    const last = i === lines.length - 1 || (i === lines.length - 2 && lines[lines.length - 1] === '');
    let trial: TrialRecord | undefined;
    try {
      trial = JSON.parse(line) as TrialRecord;
    } catch {
      trial = undefined;
    }
    const valid = trial && typeof trial.number === 'number' && typeof trial.state === 'string';
    if (!valid || (last && !complete)) {
      if (last) {
        notices.push(`${file}: the last line (${i + 1}) was cut off by an interrupted write and is ignored.`);
        return;
      }
      throw new JobError('bad-input', `${file}, line ${i + 1}: not a trial record (the study log is damaged).`, {
        file,
        line: i + 1,
      });
    }
    byNumber.set(trial!.number, trial!);
  });
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

export async function loadStudy(root: string, id: string): Promise<LoadedStudy> {
  const dir = studyDir(root, id);
  const file = join(dir, 'study.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT')
      throw new JobError('bad-input', `There is no study "${id}" (${file}).`, { file });
    throw error;
  }
  const notices: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new JobError('bad-input', `${file} is not valid JSON (the study file is damaged).`, { file });
  }
  const study = migrateStudyFile(raw, file, notices);
  const logFile = join(dir, 'trials.jsonl');
  let log = '';
  try {
    log = await readFile(logFile, 'utf8');
  } catch (error) {
    if (fsErrorCode(error) !== 'ENOENT') throw error;
  }
  return { dir, study, trials: parseTrialLog(log, logFile, notices), notices };
}

/** Appends a trial snapshot as one line (synchronously, so lines keep the order of the changes). */
export function appendTrial(dir: string, trial: TrialRecord): void {
  const file = join(dir, 'trials.jsonl');
  // A torn line left by a crash (the loader has said so) is cut off first, so it cannot end up
  // in the middle of the log, where it would read as damage.
  const torn = tornTail(file);
  if (torn !== undefined) truncateSync(file, torn);
  appendFileSync(file, `${JSON.stringify(trial)}\n`);
}

/** Where a torn last line starts, when the log does not end with a newline (reads only its tail). */
function tornTail(file: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    if (size === 0 || (readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 0x0a)) return undefined;
    // Walk back in 64 KB blocks to the last newline.
    const block = Buffer.alloc(65536);
    for (let end = size; end > 0; end -= block.length) {
      const start = Math.max(0, end - block.length);
      const n = readSync(fd, block, 0, end - start, start);
      const at = block.subarray(0, n).lastIndexOf(0x0a);
      if (at >= 0) return start + at + 1;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}

/** Takes the study's lock for this process; refuses while another live process holds it. */
export async function lockStudy(dir: string, id: string, pid = process.pid): Promise<() => Promise<void>> {
  const file = join(dir, 'owner.json');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid, since: new Date().toISOString() }));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if (fsErrorCode(error) !== 'EEXIST') throw error;
    }
    let owner: number | undefined;
    try {
      owner = (JSON.parse(await readFile(file, 'utf8')) as { pid?: number }).pid;
    } catch {
      owner = undefined;
    }
    if (owner !== undefined && owner !== pid && processAlive(owner))
      throw new JobError('bad-input', `Study ${id} is running in process ${owner}; stop it there first.`, { file });
    await rm(file, { force: true }); // a dead owner's (or a damaged) lock
  }
  throw new JobError('bad-input', `Could not take the lock of study ${id} (${file}).`, { file });
}
