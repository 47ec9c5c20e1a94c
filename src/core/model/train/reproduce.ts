// Reproducing a recorded run: train again from the record's own fully defaulted spec and seed
// (not from today's pipeline.yaml), then say whether every metric came out the same. The data
// files are fingerprinted in the record, so a changed file is named rather than blamed on the code.
import { resolve } from 'node:path';
import { inputState, type RecordEnvelope } from '../../records';
import type { Reproduction, RunData, RunModelResult } from '../runTypes';
import { findRun } from './artifacts';
import { insideProject } from './loadSpec';

/** Relative tolerance for "the same number": a rerun on the same machine is bit-identical; another CPU may differ in the last digits. */
const TOLERANCE = 1e-9;

export interface ReproductionSource {
  record: RecordEnvelope<RunData>;
  /** Data files (not the spec or the charter) whose content differs from what the run used. */
  changedInputs: string[];
}

export async function reproductionSource(root: string, runId: string): Promise<ReproductionSource> {
  const record = await findRun(root, runId);
  const specFile = insideProject(root, record.data.specPath, `pipeline spec of run ${record.name}`);
  const changedInputs: string[] = [];
  for (const input of record.inputs) {
    if (resolve(root, input.path) === specFile || !Object.values(record.data.spec.data).includes(input.path)) continue;
    if ((await inputState(root, input)) !== 'unchanged') changedInputs.push(input.path);
  }
  return { record, changedInputs };
}

function same(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** Every cross-validated mean and holdout value of every model, compared with the original run. */
export function compareWithOriginal(source: ReproductionSource, models: RunModelResult[]): Reproduction {
  const differences: Reproduction['differences'] = [];
  for (const original of source.record.data.models) {
    const now = models.find((m) => m.name === original.name);
    if (!now) continue;
    const pairs: Array<[string, number | undefined, number | undefined]> = [];
    for (const [metric, cv] of Object.entries(original.metrics.cv ?? {}))
      pairs.push([`cv ${metric}`, cv.mean, now.metrics.cv?.[metric]?.mean]);
    for (const [metric, value] of Object.entries(original.metrics.holdout ?? {}))
      pairs.push([`holdout ${metric}`, value, now.metrics.holdout?.[metric]]);
    for (const [metric, before, after] of pairs) {
      if (before === undefined) continue;
      if (after === undefined || !same(before, after))
        differences.push({ model: original.name, metric, original: before, now: after ?? null });
    }
  }
  return {
    of: source.record.name,
    identical: differences.length === 0,
    changedInputs: source.changedInputs,
    differences,
  };
}

/** One line for the run's failures when the rerun does not reproduce. */
export function reproductionFailure(r: Reproduction): string | undefined {
  if (r.identical) return undefined;
  const first = r.differences[0];
  const cause = r.changedInputs.length > 0 ? ` ${r.changedInputs.join(', ')} changed since.` : '';
  return `Not reproduced: ${r.differences.length} metric${r.differences.length > 1 ? 's' : ''} differ from run ${r.of} (first: ${first.model} ${first.metric} ${first.original} then, ${first.now ?? 'missing'} now).${cause}`;
}
