// A tuning study as its YAML (tuning.yaml, or the `tuning:` section of pipeline.yaml) defines it,
// once parsed and defaulted: what is optimised, the search space, the sampler, the pruner, the
// budget and the stages. Pure data; studySpec.ts reads it, the study runner follows it.
import type { Direction, ParamValue, SearchSpace } from './types';

export interface ObjectiveSpec {
  /** A metric of the task (scikit-learn names: roc_auc, log_loss, rmse ...). */
  metric: string;
  /** From the metric unless the YAML says otherwise. */
  direction: Direction;
}

export type ConstraintOp = '<=' | '<' | '>=' | '>';

/** e.g. "predict_ms_per_1k_rows <= 20": a trial that breaks it does not count as a best trial. */
export interface ConstraintSpec {
  /** A metric of the task, or a cost the study measures (see CONSTRAINT_MEASURES). */
  name: string;
  op: ConstraintOp;
  value: number;
}

export type SamplerSpec =
  | {
      kind: 'tpe';
      seed: number;
      /** Optuna 3.1's TPE exactly (its defaults and its log-density); the options below default to Optuna's. */
      optunaCompat: boolean;
      multivariate: boolean;
      group: boolean;
      startupTrials: number;
      eiCandidates: number;
      constantLiar: boolean;
    }
  | { kind: 'random'; seed: number }
  | { kind: 'grid'; seed: number; maxCombinations: number };

export type PrunerSpec =
  | { kind: 'none' }
  | { kind: 'median'; startupTrials: number; warmupSteps: number; intervalSteps: number }
  | {
      kind: 'successive_halving';
      /** 'auto': from the first complete trial's number of steps, as Optuna does. */
      minResource: number | 'auto';
      reductionFactor: number;
      minEarlyStoppingRate: number;
    }
  | { kind: 'hyperband'; minResource: number; maxResource: number | 'auto'; reductionFactor: number };

export interface BudgetSpec {
  trials: number;
  timeoutSeconds?: number;
  trialTimeoutSeconds?: number;
}

export interface StageSpec {
  trials: number;
  /** Absent for the first stage (the whole space). */
  narrow?: { top: number; margin: number };
}

export interface StudySpec {
  version: 1;
  /** The pipeline spec tuned, as written (`spec:` of tuning.yaml); absent for a `tuning:` section. */
  pipelineSpec?: string;
  objectives: ObjectiveSpec[];
  on: 'cv' | 'holdout';
  constraints: ConstraintSpec[];
  sampler: SamplerSpec;
  pruner: PrunerSpec;
  budget: BudgetSpec;
  /** Trials at once, each on a worker thread; 'auto' = cores − 1 (resolved when the study is created). */
  parallel: number | 'auto';
  seed: number;
  /** At least one stage; a study without `stages` has one stage of budget.trials trials. */
  stages: StageSpec[];
  space: SearchSpace;
  /** The models (pipeline spec names) the study trains: the choices of `model`, or its only model. */
  models: string[];
  /** The number of grid points of float ranges that give `points:` (grid sampler), by parameter name. */
  gridPoints: Record<string, number>;
}

/** The trials a study runs at once: 'auto' is one fewer than the machine's cores, at least 1. */
export function resolveParallel(parallel: number | 'auto' | undefined, cores: number): number {
  if (parallel === 'auto') return Math.max(1, cores - 1);
  return Math.max(1, Math.floor(parallel ?? 1));
}

/** Costs a constraint may name besides the task's metrics. */
export const CONSTRAINT_MEASURES: readonly string[] = ['predict_ms_per_1k_rows', 'fit_seconds', 'model_size_kb'];

export const STUDY_DEFAULTS = {
  trials: 100,
  parallel: 1,
  median: { startupTrials: 5, warmupSteps: 0, intervalSteps: 1 },
  successiveHalving: { reductionFactor: 4, minEarlyStoppingRate: 0 },
  hyperband: { minResource: 1, reductionFactor: 3 },
  narrow: { top: 10, margin: 0.1 },
  maxGridCombinations: 100_000,
} as const;

/** A value as a message shows it. */
export function showValue(value: ParamValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
