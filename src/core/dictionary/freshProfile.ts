// Reusing a profile: the newest profile record of a dataset role is good for drafting when it
// was made from the very file the role names now, and that file has not changed since.
import { relative } from 'node:path';
import type { DatasetProfile } from '../profile/profileTypes';
import { PROFILE_SCHEMA_VERSION } from '../profile/profileTypes';
import { inputState, readRecords } from '../records';

const normalise = (path: string) => path.split('\\').join('/');

function looksLikeProfile(value: unknown): value is DatasetProfile {
  const p = value as DatasetProfile | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    p.schemaVersion === PROFILE_SCHEMA_VERSION &&
    Array.isArray(p.columns) &&
    typeof p.source?.path === 'string'
  );
}

/**
 * The profile recorded for `role` (.mlcycle/profiles/<role>.json) when it describes the current
 * content of `dataset` (absolute path); undefined when there is none, or it is stale.
 */
export async function freshProfile(
  root: string,
  role: string,
  dataset: string,
  hash?: (path: string) => Promise<string>,
): Promise<DatasetProfile | undefined> {
  const { records } = await readRecords(root, 'profile');
  const record = records.find((r) => r.name === role);
  if (!record || !looksLikeProfile(record.data)) return undefined;
  // A record of this role made from another file (the project file changed since) does not count.
  const wanted = normalise(relative(root, dataset));
  if (!record.inputs.some((i) => normalise(i.path) === wanted)) return undefined;
  for (const input of record.inputs) {
    if ((await inputState(root, input, hash)) !== 'unchanged') return undefined;
  }
  return record.data;
}
