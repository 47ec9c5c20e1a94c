// Training runs as the editor lists and opens them: the run records under .mlcycle/runs/ (read
// by the project model with every other record), checked for shape, with what the Runs view and
// the reports need of each: its best model, its headline metric and whether it passed. Pure: no
// vscode import, so the unit tests and the CLI can use it.
import { readFile } from 'node:fs/promises';
import type { RunData, RunModelResult } from '../../core/model/runTypes';
import { jsonProblem, recordPath, type RecordEnvelope } from '../../core/records';

export type RunRecord = RecordEnvelope<RunData>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Enough of a run record's shape for the views to read it without guarding every field. */
export function isRunRecord(record: RecordEnvelope): record is RunRecord {
  const data = record.data;
  return (
    record.kind === 'run' &&
    isObject(data) &&
    typeof data.runId === 'string' &&
    (data.task === 'classification' || data.task === 'regression') &&
    typeof data.primaryMetric === 'string' &&
    Array.isArray(data.models) &&
    data.models.every((m) => isObject(m) && typeof m.name === 'string' && isObject(m.metrics))
  );
}

/** The run records of a list of records (the project model's), newest first, the malformed left out. */
export function runRecordsOf(records: readonly RecordEnvelope[]): RunRecord[] {
  return records.filter(isRunRecord).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Reads one run record; the error says which file and what is wrong with it. */
export async function readRunRecord(root: string, runId: string): Promise<RunRecord> {
  const path = recordPath(root, 'run', runId);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `The run ${runId} has no record (${path} does not exist).`
        : `Cannot read ${path}: ${(error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} cannot be read: ${jsonProblem(error, text)}.`);
  }
  if (!isObject(value) || !isRunRecord(value as unknown as RecordEnvelope))
    throw new Error(`${path} is not a training run record.`);
  return value as unknown as RunRecord;
}

/** The value a model is judged by: holdout when present, else the cross-validated mean. */
export function judgedValue(
  model: RunModelResult,
  metric: string,
): { value: number; on: 'holdout' | 'cv' } | undefined {
  const holdout = model.metrics.holdout?.[metric];
  if (typeof holdout === 'number' && Number.isFinite(holdout)) return { value: holdout, on: 'holdout' };
  const cv = model.metrics.cv?.[metric]?.mean;
  return typeof cv === 'number' && Number.isFinite(cv) ? { value: cv, on: 'cv' } : undefined;
}

export function bestModelOf(run: RunData): RunModelResult | undefined {
  return (
    run.models.find((m) => m.name === run.bestModel) ?? run.models.find((m) => !m.baseline && !m.error) ?? run.models[0]
  );
}

/**
 * Whether the run passed: the charter's KPIs when it checks any, else whether its best model
 * beats the baseline; undefined when the run says neither.
 */
export function runOutcome(run: RunData): 'pass' | 'fail' | undefined {
  if (run.kpis && run.kpis.length > 0) return run.kpis.every((k) => k.pass) ? 'pass' : 'fail';
  const best = bestModelOf(run);
  if (best?.vsBaseline) return best.vsBaseline.beats ? 'pass' : 'fail';
  return undefined;
}

/** "2026-11-26 09:30" from an ISO date, in UTC so every machine shows the same. */
export function shortDate(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
