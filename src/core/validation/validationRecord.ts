// The validation record, .mlcycle/validations/<name>.json: the result of validating one data
// file against the expectations, tied to both inputs' fingerprints, so the sidebar shows it
// stale when either the data or the expectations change, and failing when it failed.
import { relative } from 'node:path';
import type { InputFingerprint, RecordEnvelope } from '../records';
import type { ValidationResult } from './expectationTypes';
import { summarizeValidation } from './validationReport';

/**
 * `dataFile` is the absolute path that was validated; `expectations` the expectations file's
 * fingerprint taken before the run (so an edit during the run makes the record stale, not wrong).
 */
export function validationRecord(
  root: string,
  name: string,
  dataFile: string,
  result: ValidationResult,
  expectations: InputFingerprint,
  now = new Date(),
): RecordEnvelope<ValidationResult> {
  const data: InputFingerprint = {
    path: relative(root, dataFile).split('\\').join('/'),
    sizeBytes: result.source.sizeBytes,
    mtimeMs: result.source.mtimeMs,
    sha256: result.source.sha256,
  };
  return {
    schemaVersion: 1,
    kind: 'validation',
    name,
    createdAt: now.toISOString(),
    inputs: [data, expectations],
    outcome: result.outcome,
    summary: `${data.path}: ${summarizeValidation(result)}.`,
    data: result,
  };
}
