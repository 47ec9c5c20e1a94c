// Parameters of histogram gradient boosting: scikit-learn 1.2's HistGradientBoostingClassifier /
// HistGradientBoostingRegressor names and defaults, checked with a message naming the parameter.
import { ModelParamError, type Task } from '../estimator';

export const KIND = 'hist_gradient_boosting';

export interface BoostingParams {
  [name: string]: unknown;
  loss: 'log_loss' | 'squared_error';
  learning_rate: number;
  max_iter: number;
  /** null = unlimited (then max_depth or min_samples_leaf bound the tree). */
  max_leaf_nodes: number | null;
  max_depth: number | null;
  min_samples_leaf: number;
  l2_regularization: number;
  max_bins: number;
  /** 'auto': on when the training data has more than 10,000 rows. */
  early_stopping: 'auto' | boolean;
  /** Fraction held out for early stopping (stratified for classification); null = score on the training data. */
  validation_fraction: number | null;
  n_iter_no_change: number;
  tol: number;
  scoring: 'loss';
}

export function boostingDefaults(task: Task): BoostingParams {
  return {
    loss: task === 'classification' ? 'log_loss' : 'squared_error',
    learning_rate: 0.1,
    max_iter: 100,
    max_leaf_nodes: 31,
    max_depth: null,
    min_samples_leaf: 20,
    l2_regularization: 0,
    max_bins: 255,
    early_stopping: 'auto',
    validation_fraction: 0.1,
    n_iter_no_change: 10,
    tol: 1e-7,
    scoring: 'loss',
  };
}

function fail(param: string, message: string): never {
  throw new ModelParamError(KIND, param, message);
}

function number(raw: unknown, param: string, check: (v: number) => boolean, allowed: string): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || !check(raw))
    fail(param, `must be ${allowed}, got ${JSON.stringify(raw)}.`);
  return raw;
}

function integer(raw: unknown, param: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  return number(
    raw,
    param,
    (v) => Number.isInteger(v) && v >= min && v <= max,
    max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`,
  );
}

/** Fills defaults and checks every value; unknown names are errors. */
export function boostingParams(raw: Record<string, unknown>, task: Task): BoostingParams {
  const p = boostingDefaults(task);
  for (const name of Object.keys(raw)) {
    if (!(name in p)) fail(name, `unknown parameter; allowed: ${Object.keys(p).join(', ')}.`);
  }
  const value = (name: keyof BoostingParams) => (raw[name] === undefined ? p[name] : raw[name]);
  const loss = value('loss');
  const allowedLoss = task === 'classification' ? 'log_loss' : 'squared_error';
  if (loss !== allowedLoss) fail('loss', `must be "${allowedLoss}" for ${task}, got ${JSON.stringify(loss)}.`);
  const scoring = value('scoring');
  if (scoring !== 'loss') fail('scoring', `only "loss" is supported, got ${JSON.stringify(scoring)}.`);
  const early = value('early_stopping');
  if (early !== 'auto' && early !== true && early !== false)
    fail('early_stopping', `must be "auto", true or false, got ${JSON.stringify(early)}.`);
  const fraction = value('validation_fraction');
  return {
    loss: allowedLoss,
    learning_rate: number(value('learning_rate'), 'learning_rate', (v) => v > 0, 'a number > 0'),
    max_iter: integer(value('max_iter'), 'max_iter', 1),
    max_leaf_nodes: value('max_leaf_nodes') === null ? null : integer(value('max_leaf_nodes'), 'max_leaf_nodes', 2),
    max_depth: value('max_depth') === null ? null : integer(value('max_depth'), 'max_depth', 1),
    min_samples_leaf: integer(value('min_samples_leaf'), 'min_samples_leaf', 1),
    l2_regularization: number(value('l2_regularization'), 'l2_regularization', (v) => v >= 0, 'a number ≥ 0'),
    max_bins: integer(value('max_bins'), 'max_bins', 2, 255),
    early_stopping: early,
    validation_fraction:
      fraction === null
        ? null
        : number(
            fraction,
            'validation_fraction',
            (v) => v > 0 && v < 1,
            'a number between 0 and 1 (exclusive) or null',
          ),
    n_iter_no_change: integer(value('n_iter_no_change'), 'n_iter_no_change', 1),
    tol: number(value('tol'), 'tol', (v) => v >= 0, 'a number ≥ 0'),
    scoring: 'loss',
  };
}
