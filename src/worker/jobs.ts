// The registry of job functions: job name → function. Pure (no process or IPC here), so the CLI
// and the unit tests call exactly what the worker runs.
import { inspect } from '../core/data/inspect';
import { evaluate } from '../core/model/train/evaluate';
import { predict } from '../core/model/train/predict';
import { train } from '../core/model/train/train';
import { tune } from '../core/tuning/tuneJob';
import { explain } from '../core/explain/explainJob';
import { packageModel } from '../core/deploy/packageJob';
import { profile } from '../core/profile/profileDataset';
import { validate } from '../core/validation/validate';
import type { JobFunction, JobMap, JobName } from '../protocol/jobs';
import { diagnostics } from './diagnostics';

export type JobRegistry = { [K in JobName]?: JobFunction<JobMap[K]['params'], JobMap[K]['result']> };

/** The jobs users run. */
export const jobs: JobRegistry = {
  inspect,
  profile,
  validate,
  train,
  tune,
  explain,
  evaluate,
  predict,
  package: packageModel,
};

/** The registry a worker serves; `diagnostics` adds the test-only misbehaving job. */
export function createJobRegistry(options: { diagnostics?: boolean } = {}): JobRegistry {
  return options.diagnostics ? { ...jobs, diagnostics } : { ...jobs };
}

/** Looks a job up by a name that arrived from outside (IPC or the command line). */
export function findJob(registry: JobRegistry, name: string): JobFunction<unknown, unknown> | undefined {
  if (!Object.prototype.hasOwnProperty.call(registry, name)) return undefined;
  return registry[name as JobName] as JobFunction<unknown, unknown> | undefined;
}
