// Reading the run records that predict, evaluate and train --reproduce start from: one file
// .mlcycle/runs/<runId>.json, checked before anything is taken from it. A damaged file is named
// with what is wrong (never its content), a record from a newer ML Lifecycle is refused like a
// model file from one, and a .mlcycle/ that links out of the project is not read.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JobError } from '../../../protocol/jobError';
import { fsErrorCode, fsReason } from '../../fsErrors';
import { OutsideWorkspaceError, assertReallyInside } from '../../paths';
import { RECORDS_DIR } from '../../project/projectFile';
import { jsonProblem, readRecords, RECORD_KINDS, recordPath, type RecordEnvelope } from '../../records';
import { RUN_FORMAT_VERSION, type RunData } from '../runTypes';
import { isSafeName } from './runFiles';

const RUNS_DIR = join(RECORDS_DIR, RECORD_KINDS.run);

/** The sentence every "from a newer version" refusal shares (model files, run records). */
export function newerVersionMessage(shown: string, what: string, found: unknown, supported: number): string {
  return `${shown} was made by a newer version of ML Lifecycle (${what} format ${String(found)}; this version reads up to ${supported}). Update ML Lifecycle, or train again with this version.`;
}

const shownPath = (runId: string) => `${RUNS_DIR.split('\\').join('/')}/${runId}.json`;

/** Throws bad input when the run record cannot be used by this version; returns it typed. */
export function checkRunRecord(value: unknown, shown: string, file: string): RecordEnvelope<RunData> {
  const record = value as RecordEnvelope<RunData> | null;
  if (!record || typeof record !== 'object' || Array.isArray(record))
    throw new JobError('bad-input', `The run record ${shown} is not a run record (not a JSON object).`, { file });
  if (typeof record.schemaVersion === 'number' && record.schemaVersion > 1)
    throw new JobError('bad-input', newerVersionMessage(`The run record ${shown}`, 'record', record.schemaVersion, 1), {
      file,
    });
  const data = record.data as Partial<RunData> | undefined;
  if (
    data &&
    typeof data === 'object' &&
    typeof data.formatVersion === 'number' &&
    data.formatVersion > RUN_FORMAT_VERSION
  )
    throw new JobError(
      'bad-input',
      newerVersionMessage(`The run record ${shown}`, 'run', data.formatVersion, RUN_FORMAT_VERSION),
      { file },
    );
  if (
    record.schemaVersion !== 1 ||
    record.kind !== 'run' ||
    !data ||
    typeof data !== 'object' ||
    !Array.isArray(data.models) ||
    !data.spec ||
    typeof data.specPath !== 'string'
  )
    throw new JobError(
      'bad-input',
      `The run record ${shown} is not a run record ML Lifecycle can read (no schemaVersion 1, kind "run", models and spec).`,
      { file },
    );
  return record;
}

/** One run record by id; every problem is bad input naming the file. */
export async function readRunRecord(root: string, runId: string): Promise<RecordEnvelope<RunData>> {
  if (!isSafeName(runId)) throw new JobError('bad-input', `"${runId}" is not a run id (letters, digits, - _ . only).`);
  const file = recordPath(root, 'run', runId);
  const shown = shownPath(runId);
  try {
    assertReallyInside(root, file, shown);
  } catch (error) {
    if (error instanceof OutsideWorkspaceError) throw new JobError('bad-input', error.message, { file });
    throw error;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') {
      const names = await readdir(join(root, RUNS_DIR)).catch(() => [] as string[]);
      const newest = names
        .filter((n) => n.endsWith('.json'))
        .map((n) => n.slice(0, -5))
        .sort()
        .reverse()
        .slice(0, 3);
      throw new JobError(
        'bad-input',
        newest.length === 0
          ? `No training run recorded in ${RUNS_DIR} yet: train first (mlcycle train).`
          : `No run "${runId}" in ${RUNS_DIR} (newest: ${newest.join(', ')}).`,
      );
    }
    throw new JobError('bad-input', `Cannot read the run record ${shown}: ${fsReason(error)}.`, { file });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new JobError('bad-input', `The run record ${shown} cannot be read: ${jsonProblem(error, text)}.`, { file });
  }
  return checkRunRecord(value, shown, file);
}

/**
 * The run record with this id, or the newest; bad input when there is none, or when the newest
 * file is damaged or from a newer version (rather than silently taking an older run).
 */
export async function findRun(root: string, runId?: string): Promise<RecordEnvelope<RunData>> {
  if (runId !== undefined) return readRunRecord(root, runId);
  try {
    assertReallyInside(root, join(root, RUNS_DIR), RUNS_DIR);
  } catch (error) {
    if (error instanceof OutsideWorkspaceError) throw new JobError('bad-input', error.message);
    throw error;
  }
  const { records, unreadable } = await readRecords(root, 'run');
  const newestReadable = records[0]?.name;
  const newestUnreadable = unreadable
    .map((path) => path.split(/[\\/]/).pop() ?? '')
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -5))
    .sort()
    .pop();
  if (newestUnreadable !== undefined && (newestReadable === undefined || newestUnreadable > newestReadable))
    return readRunRecord(root, newestUnreadable);
  if (newestReadable === undefined)
    throw new JobError('bad-input', `No training run recorded in ${RUNS_DIR} yet: train first (mlcycle train).`);
  return checkRunRecord(records[0], shownPath(newestReadable), recordPath(root, 'run', newestReadable));
}
