// Runs a study: asks the sampler for each trial's parameters, runs up to N trials at once, lets
// the pruner stop a trial from its intermediate values, and records every state change.
// Reproducible whatever order the workers finish in: trial i is sampled from the trials before
// it, where the N − 1 trials just before it are always shown as running (their results hidden),
// and trial i starts only once every trial up to i − N has finished. So trial i's parameters
// depend only on the seed and the results of trials < i − N + 1 — the same on any machine.
// The pruner sees the same history (trials < i − N + 1 with their values, the N − 1 before i as
// running), never a trial that happens to have finished first, so which trials are pruned —
// and so every later trial's parameters — do not depend on timing either; a trial running on a
// thread (trialPool.ts) asks for the decision by message and waits for it.
import { TrialPruned } from './trialPruned';
import type { Direction, Params, Pruner, Sampler, SearchSpace, TrialView } from './types';
import { bestTrial, paretoFront } from './best';
import { realStudyClock, type StudyClock } from './studyClock';

export interface TrialRecord extends TrialView {
  intermediate: Array<readonly [step: number, value: number]>;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  /** Which of the N parallel slots ran it (0-based). */
  worker?: number;
  error?: string;
  /** Measured side numbers of a complete trial (fit_ms, predict_ms_per_1k_rows, model_size_kb …). */
  attributes?: Record<string, number>;
}

export interface TrialContext {
  readonly number: number;
  readonly params: Params;
  /**
   * Records an intermediate value of the first objective; true means the pruner stops the trial:
   * the objective should end its work and throw `new TrialPruned()`. In this process the answer
   * is immediate; a trial on a thread gets a promise (await it either way).
   */
  report(step: number, value: number): boolean | Promise<boolean>;
  /** Aborted on the study's cancel and on the per-trial timeout. */
  readonly signal: AbortSignal;
  /**
   * Holds the per-trial timeout, and starts it again from now: a trial whose thread first has to
   * start and load its data (a fresh thread replacing a terminated one) holds it meanwhile and
   * restarts it when the trial really begins.
   */
  holdTimeout?(): void;
  restartTimeout?(): void;
}

export type Objective = (params: Params, ctx: TrialContext) => Promise<readonly number[]>;

export interface RunStudyOptions {
  space: SearchSpace;
  sampler: Sampler;
  pruner?: Pruner;
  directions: readonly Direction[];
  seed: number;
  /** Trials this run may start (not counting `history`); a grid caps it at its size itself. */
  trials: number;
  /** Wall-clock budget: no trial starts after it. */
  timeoutSeconds?: number;
  /** A trial running longer is aborted and recorded failed. */
  trialTimeoutSeconds?: number;
  /** Trials running at once (default 1). */
  parallel?: number;
  objective: Objective;
  signal?: AbortSignal;
  clock?: StudyClock;
  /** Earlier trials (resume / extend); those still 'running' were interrupted and are run again. */
  history?: readonly TrialRecord[];
  /** The stage new trials belong to. */
  stage?: number;
  /** Every state change of a trial (running, then its end), for the store and the live view. */
  onTrial?(trial: TrialRecord): void;
}

export type StopReason = 'budget' | 'timeout' | 'cancelled' | 'all-failed';

export interface StudyResult {
  trials: TrialRecord[];
  best?: TrialRecord;
  paretoFront: TrialRecord[];
  stopReason: StopReason;
  /** The first trial's error when every one of the first finished trials failed. */
  error?: string;
}

/** Every one of the first this-many finished trials failing stops the study (with the first error). */
export const ALL_FAILED_AFTER = 5;

class TrialTimeout extends Error {}

export async function runStudy(options: RunStudyOptions): Promise<StudyResult> {
  const clock = options.clock ?? realStudyClock;
  const parallel = Math.max(1, Math.floor(options.parallel ?? 1));
  const records = new Map<number, TrialRecord>();
  for (const t of options.history ?? []) records.set(t.number, { ...t });
  const rerun = [...records.values()].filter((t) => t.state === 'running').map((t) => t.number);
  let nextNumber = records.size === 0 ? 0 : Math.max(...records.keys()) + 1;
  const startedAt = clock.now();
  let started = 0;
  const running = new Map<number, Promise<void>>();
  let stopReason: StopReason | undefined;
  let firstError: string | undefined;
  let finishedNew = 0;
  let failedNew = 0;

  const emit = (t: TrialRecord) => options.onTrial?.({ ...t, intermediate: [...t.intermediate] });

  /** The history trial `number` may see (see the header). */
  const visibleTo = (number: number): TrialView[] => {
    const out: TrialView[] = [];
    // Trial numbers are 0, 1, 2 ...: walk them in order instead of sorting every record per trial.
    for (let k = 0; k < number; k++) {
      const t = records.get(k);
      if (!t) continue;
      if (k >= number - parallel + 1) out.push({ number: k, state: 'running', params: t.params, intermediate: [] });
      else out.push(t);
    }
    return out;
  };

  const mayStart = (number: number) => {
    for (const n of running.keys()) if (n <= number - parallel) return false;
    return running.size < parallel;
  };

  const runTrial = async (number: number, params: Params, worker: number): Promise<void> => {
    const record: TrialRecord = {
      number,
      state: 'running',
      params,
      intermediate: [],
      stage: records.get(number)?.stage ?? options.stage,
      startedAt: new Date(clock.now()).toISOString(),
      worker,
    };
    records.set(number, record);
    emit(record);
    const controller = new AbortController();
    const onCancel = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onCancel, { once: true });
    // A cancel that came while the trial was being announced (onTrial) reaches it too.
    if (options.signal?.aborted) onCancel();
    let timer: unknown;
    const holdTimeout = () => {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    };
    const armTimeout = () => {
      holdTimeout();
      if (options.trialTimeoutSeconds !== undefined && !controller.signal.aborted)
        timer = clock.setTimeout(() => controller.abort(new TrialTimeout()), options.trialTimeoutSeconds * 1000);
    };
    armTimeout();
    const t0 = clock.now();
    const ctx: TrialContext = {
      number,
      params,
      signal: controller.signal,
      holdTimeout,
      restartTimeout: armTimeout,
      report: (step, value) => {
        record.intermediate.push([step, value]);
        if (!options.pruner) return false;
        return options.pruner.shouldPrune({
          trial: record,
          // The history its parameters came from (see the header): the same whatever finished first.
          trials: visibleTo(number),
          direction: options.directions[0],
          seed: options.seed,
        });
      },
    };
    try {
      const values = await options.objective(params, ctx);
      if (controller.signal.aborted) throw controller.signal.reason;
      if (values.length !== options.directions.length)
        throw new Error(`the objective returned ${values.length} values for ${options.directions.length} objectives`);
      record.values = [...values];
      record.state = 'complete';
    } catch (error) {
      if (error instanceof TrialPruned) {
        record.state = 'pruned';
        const last = record.intermediate.at(-1);
        if (last) record.values = [last[1]];
      } else if (controller.signal.reason instanceof TrialTimeout) {
        record.state = 'failed';
        record.error = `timed out after ${options.trialTimeoutSeconds} s`;
      } else if (options.signal?.aborted) {
        // Cancelled: the trial stays 'running' (interrupted); a resume runs it again.
        emit(record);
        return;
      } else {
        record.state = 'failed';
        record.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      if (timer !== undefined) clock.clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCancel);
    }
    record.finishedAt = new Date(clock.now()).toISOString();
    record.durationMs = clock.now() - t0;
    finishedNew++;
    if (record.state === 'failed') {
      failedNew++;
      firstError ??= `trial ${number}: ${record.error}`;
    }
    if (finishedNew === failedNew && finishedNew >= Math.min(ALL_FAILED_AFTER, options.trials))
      stopReason ??= 'all-failed';
    emit(record);
  };

  const freeWorker = () => {
    const used = new Set([...running.keys()].map((n) => records.get(n)?.worker));
    for (let w = 0; ; w++) if (!used.has(w)) return w;
  };

  while (true) {
    if (!stopReason && options.signal?.aborted) stopReason = 'cancelled';
    if (!stopReason && options.timeoutSeconds !== undefined && clock.now() - startedAt >= options.timeoutSeconds * 1000)
      stopReason = 'timeout';
    const budgetLeft = rerun.length > 0 || started < options.trials;
    const number = rerun.length > 0 ? rerun[0] : nextNumber;
    if (!stopReason && budgetLeft && mayStart(number)) {
      let params: Params;
      if (rerun.length > 0) {
        rerun.shift();
        params = records.get(number)!.params;
      } else {
        params = options.sampler.sample({
          space: options.space,
          number,
          trials: visibleTo(number),
          directions: options.directions,
          seed: options.seed,
        });
        nextNumber++;
        started++;
      }
      const promise = runTrial(number, params, freeWorker()).finally(() => running.delete(number));
      running.set(number, promise);
      continue;
    }
    // Nothing can start: with no trial running that means the budget is spent (or a stop above).
    if (running.size === 0) {
      stopReason ??= 'budget';
      break;
    }
    await Promise.race(running.values());
  }

  const trials = [...records.values()].sort((a, b) => a.number - b.number);
  return {
    trials,
    best: options.directions.length === 1 ? bestTrial(trials, options.directions[0]) : undefined,
    paretoFront: paretoFront(trials, options.directions),
    stopReason,
    error: stopReason === 'all-failed' ? firstError : undefined,
  };
}
