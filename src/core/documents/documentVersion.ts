// The format version a lifecycle document declares, against the version this release knows.
import type { LifecycleDocumentKind } from '../language/languageTypes';
import { CURRENT_VERSION, VERSION_WHEN_ABSENT } from './schemaRegistry';

/**
 * current: nothing to do; older: migrate (version 0 = written before `version` existed);
 * newer: written by a newer ML Lifecycle, not to be checked against our schema; invalid: the
 * `version` value is not a whole number (the schema reports it); none: not a mapping at all.
 */
export type VersionStatus = 'current' | 'older' | 'newer' | 'invalid' | 'none';

export interface DocumentVersion {
  status: VersionStatus;
  /** The version the document is in (0 when absent and the kind had unversioned documents). */
  version?: number;
  current: number;
  /** Whether the document has a `version` key. */
  declared: boolean;
}

export function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function documentVersion(kind: LifecycleDocumentKind, value: unknown): DocumentVersion {
  const current = CURRENT_VERSION[kind];
  if (!isPlainMapping(value)) return { status: 'none', current, declared: false };
  if (!('version' in value) || value.version === null || value.version === undefined) {
    const version = VERSION_WHEN_ABSENT[kind];
    return { status: version < current ? 'older' : 'current', version, current, declared: false };
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    return { status: 'invalid', current, declared: true };
  return {
    status: version < current ? 'older' : version > current ? 'newer' : 'current',
    version,
    current,
    declared: true,
  };
}
