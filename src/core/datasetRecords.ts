// The inspection record of a dataset: what the inspect job saw (shape, fingerprint, ragged
// rows), stored as .mlcycle/datasets/<role>.json so that later records can say which exact
// data they were computed from, and the sidebar can tell when the data changed.
import { relative } from 'node:path';
import { describeHeaderProblems } from './data/headerNames';
import type { InspectResult } from './data/inspectTypes';
import type { RecordEnvelope } from './records';

export function inspectionRecord(
  root: string,
  role: string,
  result: InspectResult,
  now = new Date(),
): RecordEnvelope<InspectResult> {
  const path = relative(root, result.path).split('\\').join('/');
  const ragged = result.raggedRows;
  const shape = `${result.rows} rows × ${result.columns.length} columns`;
  const names = result.columnNameProblems?.length
    ? describeHeaderProblems(result.columnNameProblems, result.columns)
    : undefined;
  return {
    schemaVersion: 1,
    kind: 'inspection',
    name: role,
    createdAt: now.toISOString(),
    inputs: [{ path, sizeBytes: result.sizeBytes, mtimeMs: result.mtimeMs, sha256: result.sha256 }],
    outcome: ragged.count > 0 || names ? 'fail' : 'pass',
    summary:
      ragged.count > 0
        ? `${path}: ${ragged.count} row${ragged.count > 1 ? 's' : ''} with the wrong number of fields (first at line ${ragged.examples[0]?.line}).`
        : names
          ? `${path}: ${shape}, but ${names}.`
          : `${path}: ${shape}.`,
    data: { ...result, path },
  };
}
