// The profile job's parameters as they arrive from outside (IPC, the command line, the project
// file): checked, with the alert thresholds merged over the defaults, and reduced to a canonical
// key so a cached profile is reused only for the same question.
import { JobError } from '../../protocol/jobError';
import { isDefaultMarkers, markersOf } from '../data/missingMarkers';
import { DEFAULT_THRESHOLDS, type AlertThresholds, type ProfileParams } from './profileTypes';

const SAMPLING_MODES = ['first', 'random', 'stratified'];

export function validateProfileParams(params: ProfileParams): void {
  if (typeof params !== 'object' || params === null)
    throw new JobError('bad-input', 'The profile job needs parameters ({ path, ... }).');
  if (typeof params.path !== 'string' || params.path === '')
    throw new JobError('bad-input', 'No data file given (expected a "path").');
  if (params.target !== undefined && (typeof params.target !== 'string' || params.target === ''))
    throw new JobError('bad-input', 'The target must be a column name.');
  if (params.task !== undefined && params.task !== 'classification' && params.task !== 'regression') {
    throw new JobError('bad-input', `Unknown task "${String(params.task)}" (classification or regression).`);
  }
  if (params.task !== undefined && params.target === undefined)
    throw new JobError('bad-input', 'A task needs a target column.');
  if (
    params.missingValues !== undefined &&
    (!Array.isArray(params.missingValues) || params.missingValues.some((m) => typeof m !== 'string'))
  )
    throw new JobError('bad-input', 'The missing-value markers must be a list of texts ("missingValues").');
  const sampling = params.sampling;
  if (sampling !== undefined) {
    if (!SAMPLING_MODES.includes(sampling.mode))
      throw new JobError(
        'bad-input',
        `Unknown sampling mode "${String(sampling.mode)}" (first, random or stratified).`,
      );
    if (!Number.isInteger(sampling.rows) || sampling.rows < 1)
      throw new JobError('bad-input', `A sample needs a positive whole number of rows (got ${String(sampling.rows)}).`);
    if (sampling.seed !== undefined && !Number.isInteger(sampling.seed))
      throw new JobError('bad-input', `The seed must be a whole number (got ${String(sampling.seed)}).`);
    if (sampling.mode === 'stratified' && params.target === undefined)
      throw new JobError('bad-input', 'Stratified sampling needs a target column.');
  }
}

/** The defaults with the project's overrides; an override must be a finite number. */
export function resolveThresholds(overrides: Partial<AlertThresholds> | undefined): AlertThresholds {
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (!(key in DEFAULT_THRESHOLDS))
      throw new JobError(
        'bad-input',
        `Unknown alert threshold "${key}" (known: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')}).`,
      );
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new JobError('bad-input', `The threshold "${key}" must be a number (got ${String(value)}).`);
    thresholds[key as keyof AlertThresholds] = value;
  }
  return thresholds;
}

/** What shapes a profile besides the data: same key, same profile (for the same file content). */
export function profileParamsKey(params: ProfileParams): string {
  const thresholds = resolveThresholds(params.thresholds);
  return JSON.stringify({
    target: params.target ?? null,
    task: params.task ?? null,
    sampling: params.sampling
      ? {
          mode: params.sampling.mode,
          rows: params.sampling.rows,
          seed: params.sampling.mode === 'first' ? null : (params.sampling.seed ?? 0),
        }
      : null,
    thresholds: Object.keys(thresholds)
      .sort()
      .map((k) => [k, thresholds[k as keyof AlertThresholds]]),
    // Pandas' defaults keep the key profiles had before markers were a choice.
    ...(params.missingValues && !isDefaultMarkers(params.missingValues)
      ? { missingValues: markersOf({ markers: params.missingValues, defaults: false }) }
      : {}),
  });
}
