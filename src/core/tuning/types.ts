// The shared vocabulary of hyperparameter tuning: a search space of distributions (some of them
// conditional on another parameter's value), trials as a study records them, and the two roles
// a study delegates: a sampler proposes a trial's parameters, a pruner stops an unpromising trial
// from its intermediate values. Pure data; no I/O, no model code.

/** A value a parameter takes. Categorical choices may be strings, numbers, booleans or null. */
export type ParamValue = string | number | boolean | null;

/** The parameters of one trial, by name; only the parameters active in that trial appear. */
export type Params = Record<string, ParamValue>;

export interface FloatDistribution {
  type: 'float';
  low: number;
  high: number;
  /** Sample uniformly in log space (low > 0). Not combined with step. */
  log?: boolean;
  /** Values are low, low+step, ... ≤ high. */
  step?: number;
}

export interface IntDistribution {
  type: 'int';
  low: number;
  high: number;
  /** Sample uniformly in log space (low ≥ 1). Not combined with a step other than 1. */
  log?: boolean;
  /** Default 1. */
  step?: number;
}

export interface CategoricalDistribution {
  type: 'categorical';
  choices: readonly ParamValue[];
}

export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

/** A parameter that exists only when an earlier parameter has one of the listed values. */
export interface Condition {
  param: string;
  values: readonly ParamValue[];
}

export interface ParamDef {
  /** Unique within the space, e.g. "model", "logistic.C", "preprocess.scale". */
  name: string;
  distribution: Distribution;
  /** Every condition must hold (AND); a condition's param comes earlier in the space. */
  conditions?: readonly Condition[];
}

/** Parameters in order: a parameter's conditions refer only to parameters before it. */
export interface SearchSpace {
  params: readonly ParamDef[];
}

export type Direction = 'minimize' | 'maximize';

export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

/** A trial as the sampler and pruner see it. */
export interface TrialView {
  /** 0, 1, 2 ... in the order the study created them. */
  number: number;
  state: TrialState;
  params: Params;
  /** One value per objective, in the study's objective order (complete trials; a pruned trial has its last intermediate value here). */
  values?: readonly number[];
  /** Intermediate values of the first objective by step (boosting round, fold, trees), ascending steps. */
  intermediate: ReadonlyArray<readonly [step: number, value: number]>;
  /** The multi-stage stage the trial belongs to (0 = the first). */
  stage?: number;
}

export interface SampleRequest {
  space: SearchSpace;
  /** The number of the trial being sampled. */
  number: number;
  /**
   * The history this trial may depend on: every trial with a smaller number. Trials that were
   * still running when this trial started appear with state 'running' (constant liar uses them);
   * a study with N parallel workers shows trial i the results of trials < i − N + 1 only, so
   * the parameters are the same whatever order the workers finish in.
   */
  trials: readonly TrialView[];
  directions: readonly Direction[];
  /** The study's seed; a sampler derives trial i's random stream from (seed, i) alone. */
  seed: number;
}

export interface Sampler {
  readonly name: string;
  /** The parameters of trial `number`: exactly the parameters active under their conditions. */
  sample(request: SampleRequest): Params;
}

export interface PruneRequest {
  /** The running trial, with the intermediate value just reported as its last entry. */
  trial: TrialView;
  /**
   * The history the trial was sampled from (SampleRequest.trials): with N parallel workers the
   * trials before i − N + 1 with their results and the N − 1 before i as running, so a decision
   * does not depend on which trial happened to finish first.
   */
  trials: readonly TrialView[];
  direction: Direction;
  seed: number;
}

export interface Pruner {
  readonly name: string;
  shouldPrune(request: PruneRequest): boolean;
}
