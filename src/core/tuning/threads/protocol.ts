// The messages between a study (the main thread of the worker process or the CLI) and one of
// its trial threads. A thread runs one trial at a time: the study sends `trial`, the thread
// answers with `report`s (each waits for its `prune` answer, so the main thread's pruner decides
// exactly as in the serial case) and ends with `done`, `pruned` or `failed`. `abort` asks it to
// stop the trial (cancel or per-trial timeout); a thread that does not stop is terminated.
import type { TuningObjectiveOptions } from '../objective';
import type { Params } from '../types';

/** What a thread builds its objective from, once (it loads and prepares the data then). */
export type ThreadObjectiveSource =
  /** The project's own models: createTuningObjective with these (structured-cloneable) options. */
  | { kind: 'tuning'; options: Omit<TuningObjectiveOptions, 'signal'> }
  /** A module exporting `createThreadObjective(options)` (tests; loaded with require). */
  | { kind: 'module'; path: string; options?: unknown };

export interface ThreadTrialOutcome {
  values: number[];
  attributes: Record<string, number>;
}

export type ToTrialThread =
  /** Build the objective now (load the data), before any trial's clock runs. */
  | { type: 'warm' }
  | { type: 'trial'; number: number; params: Params }
  | { type: 'prune'; number: number; id: number; stop: boolean }
  | { type: 'abort'; number: number };

export type FromTrialThread =
  /** The answer to `warm` (an error is the objective's: every trial on this thread fails with it). */
  | { type: 'ready'; number: -1; error?: string }
  | { type: 'report'; number: number; id: number; step: number; value: number }
  | { type: 'done'; number: number; outcome: ThreadTrialOutcome }
  | { type: 'pruned'; number: number; step?: number }
  | { type: 'failed'; number: number; message: string; name?: string };
