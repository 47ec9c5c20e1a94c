// Permutation feature importance (scikit-learn's permutation_importance idea) on the pipeline's
// input columns: shuffle one column of the evaluated rows at a time (seeded), predict again
// through the whole fitted pipeline, and measure how much the metric gets worse. Oriented so
// that positive = important: baseline − permuted for greater-is-better metrics, permuted −
// baseline for losses (scikit-learn's neg_* scorer convention). Mean and std (ddof 0) over repeats.
import { greaterIsBetter } from '../../lifecycle/runSummary';
import type { Frame, FrameColumn } from '../frame';
import type { Target } from '../matrix';
import { throwIfAborted } from '../models/estimator';
import { isKnownMetric, scoreMetric, unknownMetricMessage } from '../metrics/index';
import { resolvePositiveClass, type Prediction } from '../metrics/prediction';
import type { FeatureImportance } from './evaluationTypes';
import { deriveSeed, permutation, seededRandom } from './random';

export interface PermutationImportanceInput {
  model: string;
  /** The evaluated rows, original columns, target removed. */
  frame: Frame;
  target: Target;
  /** Applies the fitted pipeline and model to a frame. */
  predict: (frame: Frame) => Promise<Prediction>;
  metric: string;
  repeats: number;
  seed: number;
  signal?: AbortSignal;
  /** Positive class (name or index) for binary metrics. */
  positiveClass?: string | number;
  /** Columns to permute (default: every column of the frame). */
  columns?: string[];
}

export async function permutationImportance(input: PermutationImportanceInput): Promise<FeatureImportance> {
  const { frame, target, metric } = input;
  if (!isKnownMetric(metric, target.task))
    throw new Error(`Permutation importance: ${unknownMetricMessage(metric, target.task)}`);
  if (!Number.isInteger(input.repeats) || input.repeats < 1)
    throw new Error(`Permutation importance: repeats must be a whole number ≥ 1, got ${input.repeats}.`);
  if (frame.rows !== target.y.length)
    throw new Error(`Permutation importance: the data has ${frame.rows} rows but the target has ${target.y.length}.`);
  const options =
    target.task === 'classification'
      ? { positiveClass: resolvePositiveClass(target.classes, input.positiveClass) }
      : {};
  const score = async (f: Frame) => scoreMetric(metric, target, await input.predict(f), options);
  throwIfAborted(input.signal);
  const baseline = await score(frame);
  if (!Number.isFinite(baseline))
    throw new Error(
      `Permutation importance: metric "${metric}" is undefined on these rows (for example roc_auc with a single class).`,
    );
  const sign = greaterIsBetter(metric) ? 1 : -1;
  const names = input.columns ?? frame.columns.map((c) => c.name);

  const features: FeatureImportance['features'] = [];
  for (const name of names) {
    const j = frame.columns.findIndex((c) => c.name === name);
    if (j < 0) throw new Error(`Permutation importance: column "${name}" is not in the data.`);
    const random = seededRandom(deriveSeed(input.seed, j));
    const drops: number[] = [];
    for (let r = 0; r < input.repeats; r++) {
      throwIfAborted(input.signal);
      const columns = frame.columns.slice();
      columns[j] = permuteColumn(frame.columns[j], permutation(frame.rows, random));
      const permuted = await score({ ...frame, columns });
      drops.push(sign * (baseline - permuted));
    }
    const mean = drops.reduce((a, b) => a + b, 0) / drops.length;
    const std = Math.sqrt(drops.reduce((a, b) => a + (b - mean) * (b - mean), 0) / drops.length);
    features.push({ feature: name, mean, std });
  }
  features.sort((a, b) => b.mean - a.mean);
  return { model: input.model, method: 'permutation', metric, repeats: input.repeats, features };
}

function permuteColumn(column: FrameColumn, order: Uint32Array): FrameColumn {
  if (column.type === 'numeric')
    return { name: column.name, type: 'numeric', values: Float64Array.from(order, (i) => column.values[i]) };
  return { name: column.name, type: 'categorical', values: Array.from(order, (i) => column.values[i]) };
}
