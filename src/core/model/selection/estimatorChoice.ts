// Which registry model a wrapper or embedded method fits: the spec's `estimator` kind (also
// accepted in camelCase), or the method's default. Selection never implements models itself.
import type { Matrix, Target } from '../matrix';
import type { FitContext, FittedModel, ModelDefinition, ModelParams, Task } from '../models/estimator';
import { MODELS, findModel } from '../models/registry';

function snakeCase(kind: string): string {
  return kind.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function camelCase(kind: string): string {
  return kind.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function resolveEstimator(kind: string, task: Task, method: string): ModelDefinition {
  const definition = findModel(kind) ?? findModel(snakeCase(kind)) ?? findModel(camelCase(kind));
  if (!definition) {
    const known = MODELS.filter((m) => !m.baseline)
      .map((m) => m.kind)
      .join(', ');
    throw new Error(
      `Feature selection ${method}: unknown estimator "${kind}" (featureSelection.estimator); built-in kinds: ${known}.`,
    );
  }
  if (!definition.tasks.includes(task)) {
    throw new Error(
      `Feature selection ${method}: estimator "${kind}" does not support ${task} (featureSelection.estimator).`,
    );
  }
  return definition;
}

/** The registry's kind for a default model, whichever naming style the registry uses. */
export function defaultEstimator(task: Task, method: 'rfe' | 'forward' | 'l1' | 'tree_importance'): string {
  if (method === 'tree_importance') return 'random_forest';
  return task === 'classification' ? 'logistic_regression' : 'linear_regression';
}

/** An estimator with its checked parameters, ready to fit any column subset. */
export interface Estimator {
  definition: ModelDefinition;
  params: ModelParams;
  fit(X: Matrix, y: Target, ctx: FitContext): Promise<FittedModel>;
}

export function makeEstimator(definition: ModelDefinition, task: Task, overrides: ModelParams = {}): Estimator {
  const params = definition.params(overrides, task);
  return { definition, params, fit: (X, y, ctx) => definition.fit(X, y, params, ctx) };
}

/** Built-in importances of a fitted model, or a clear error when the kind has none. */
export function importancesOf(model: FittedModel, method: string): Float64Array {
  if (!model.featureImportances) {
    throw new Error(
      `Feature selection ${method}: estimator "${model.kind}" has no feature importances; use logistic_regression, linear_regression, decision_tree or random_forest.`,
    );
  }
  return model.featureImportances();
}
