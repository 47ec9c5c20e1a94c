// Every built-in model kind, by the name the pipeline spec uses. Baselines come first: a run
// trains them before anything else.
import { ModelFormatError, type ModelDefinition, type SerializedModel, type FittedModel, type Task } from './estimator';
import { dummyClassifier, dummyRegressor } from './dummy';
import { linearRegression } from './linear';
import { logisticRegression } from './logistic';
import { gaussianNb } from './naiveBayes';
import { kNeighbors } from './knn';
import { decisionTree } from './tree';
import { randomForest } from './forest';
import { histGradientBoosting } from './boosting';

export const MODELS: readonly ModelDefinition[] = [
  dummyClassifier,
  dummyRegressor,
  linearRegression,
  logisticRegression,
  gaussianNb,
  kNeighbors,
  decisionTree,
  randomForest,
  histGradientBoosting,
] as unknown as ModelDefinition[];

export function findModel(kind: string): ModelDefinition | undefined {
  return MODELS.find((m) => m.kind === kind);
}

export function modelsFor(task: Task): ModelDefinition[] {
  return MODELS.filter((m) => m.tasks.includes(task));
}

/** The baseline a run trains first for a task. */
export function baselineFor(task: Task): ModelDefinition {
  return task === 'classification'
    ? (dummyClassifier as unknown as ModelDefinition)
    : (dummyRegressor as unknown as ModelDefinition);
}

export function loadModel(saved: SerializedModel): FittedModel {
  const definition = findModel(saved.kind);
  if (!definition)
    throw new ModelFormatError(
      `Unknown model kind "${saved.kind}": the file was written by another version of ML Lifecycle.`,
    );
  return definition.load(saved);
}
