// The profile's record, .mlcycle/profiles/<role>.json: the profile in the common envelope, with
// the data file's fingerprint as its input, so the sidebar can tell when the data changed; and
// the cache lookup that spares profiling a file whose content (SHA-256) and parameters are
// unchanged.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { recordPath, type RecordEnvelope } from '../records';
import type { DatasetProfile } from './profileTypes';

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** One line for the sidebar: "241 rows × 7 columns, 5 alerts". */
export function profileSummary(profile: DatasetProfile): string {
  const sampled =
    profile.sampling.mode === 'exact'
      ? ''
      : ` (${profile.sampling.mode} sample of ${profile.sampling.rows.toLocaleString('en-US')})`;
  return `${plural(profile.rows, 'row')} × ${plural(profile.columns.length, 'column')}${sampled}, ${plural(profile.alerts.length, 'alert')}`;
}

/** The record to write with writeRecord(root, ...). `profile.source.path` may be absolute or relative to `root`. */
export function profileRecord(
  root: string,
  role: string,
  profile: DatasetProfile,
  now = new Date(),
): RecordEnvelope<DatasetProfile> {
  const absolute = isAbsolute(profile.source.path) ? profile.source.path : resolve(root, profile.source.path);
  const path = relative(root, absolute).split('\\').join('/');
  return {
    schemaVersion: 1,
    kind: 'profile',
    name: role,
    createdAt: now.toISOString(),
    inputs: [
      {
        path,
        sizeBytes: profile.source.sizeBytes,
        mtimeMs: profile.source.mtimeMs ?? 0,
        sha256: profile.source.sha256,
      },
    ],
    summary: profileSummary(profile),
    data: { ...profile, source: { ...profile.source, path } },
  };
}

/**
 * The stored profile of `role` when it was computed from content with this SHA-256 and with the
 * same parameters (see profileParamsKey); undefined when there is none, it is unreadable, or stale.
 */
export async function findCachedProfile(
  root: string,
  role: string,
  currentSha256: string,
  paramsKey: string,
): Promise<DatasetProfile | undefined> {
  let record: RecordEnvelope<DatasetProfile>;
  try {
    record = JSON.parse(await readFile(recordPath(root, 'profile', role), 'utf8')) as RecordEnvelope<DatasetProfile>;
  } catch {
    return undefined;
  }
  if (
    record?.schemaVersion !== 1 ||
    record.kind !== 'profile' ||
    typeof record.data !== 'object' ||
    record.data === null
  )
    return undefined;
  const profile = record.data;
  if (profile.source?.sha256 !== currentSha256 || profile.paramsKey !== paramsKey) return undefined;
  return profile;
}
export { profileParamsKey } from './profileParams';
