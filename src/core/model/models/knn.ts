// k-nearest neighbours for classification and regression (scikit-learn's KNeighborsClassifier /
// KNeighborsRegressor, Minkowski p = 1 or 2): exact search with a k-d tree. weights "uniform"
// averages the k neighbours; "distance" weights them by 1/distance, and when a query coincides
// with training rows (distance 0) only those rows count, as in scikit-learn. Ties between equally
// distant neighbours go to the lower training row index (scikit-learn's order depends on its
// search algorithm). The model keeps its training rows; it needs imputed features.
import type { Matrix, Target } from '../matrix';
import type { FitContext, FittedModel, ModelDefinition, SerializedModel, Task } from './estimator';
import { ModelFormatError, ModelParamError, throwIfAborted } from './estimator';
import { checkParams } from './linear/paramChecks';
import {
  argmaxRows,
  assertFeatureCount,
  assertFinite,
  assertRows,
  numbers,
  openSaved,
  savedTask,
} from './linear/modelData';
import { KdTree } from './linear/kdTree';

const KIND = 'k_neighbors';
const TITLE = 'k-nearest neighbours';
const VERSION = 1;
/** Queries per block (bounds the memory of the neighbour lists). */
const QUERY_BLOCK = 4096;

export interface KNeighborsParams extends Record<string, unknown> {
  n_neighbors: number;
  weights: 'uniform' | 'distance';
  /** Minkowski power: 1 = Manhattan, 2 = Euclidean. */
  p: number;
}

function rowMajor(X: Matrix): Float64Array {
  const out = new Float64Array(X.rows * X.cols);
  for (let j = 0; j < X.cols; j++) {
    const start = j * X.rows;
    for (let i = 0; i < X.rows; i++) out[i * X.cols + j] = X.data[start + i];
  }
  return out;
}

class FittedKNeighbors implements FittedModel {
  readonly kind = KIND;
  readonly info: Record<string, number | string | boolean>;
  private tree: KdTree | null = null;

  /** points: row-major training rows; target: class index (classification) or value per row. */
  constructor(
    readonly task: Task,
    readonly nFeatures: number,
    readonly params: KNeighborsParams,
    readonly points: Float64Array,
    readonly target: Float64Array,
    readonly classes: string[] | undefined,
  ) {
    this.info = { trainingRows: target.length, n_neighbors: params.n_neighbors };
  }

  private getTree(): KdTree {
    this.tree ??= new KdTree(this.points, this.target.length, this.nFeatures, this.params.p as 1 | 2);
    return this.tree;
  }

  /**
   * Visits each query's neighbours with their weights: visit(query, trainingRow, weight).
   * Weights for "distance": 1/d, or (when some neighbour is at distance 0) 1 for those only.
   */
  private forEachNeighbour(X: Matrix, visit: (query: number, row: number, weight: number) => void): void {
    assertFeatureCount(X, this.nFeatures, TITLE);
    assertFinite(X, TITLE, 'predict');
    const k = this.params.n_neighbors;
    const queries = rowMajor(X);
    const tree = this.getTree();
    const byDistance = this.params.weights === 'distance';
    for (let first = 0; first < X.rows; first += QUERY_BLOCK) {
      const count = Math.min(QUERY_BLOCK, X.rows - first);
      const { indices, distances } = tree.query(
        queries.subarray(first * this.nFeatures, (first + count) * this.nFeatures),
        count,
        k,
      );
      for (let t = 0; t < count; t++) {
        const exact = byDistance && distances[t * k] === 0;
        for (let m = 0; m < k; m++) {
          const d = distances[t * k + m];
          const weight = !byDistance ? 1 : exact ? (d === 0 ? 1 : 0) : 1 / d;
          visit(first + t, indices[t * k + m], weight);
        }
      }
    }
  }

  predictProba(X: Matrix): Float64Array {
    if (this.task !== 'classification' || !this.classes) throw new Error(`${TITLE}: predictProba is for classifiers.`);
    const c = this.classes.length;
    const out = new Float64Array(X.rows * c);
    const totals = new Float64Array(X.rows);
    this.forEachNeighbour(X, (query, row, weight) => {
      out[query * c + this.target[row]] += weight;
      totals[query] += weight;
    });
    for (let i = 0; i < X.rows; i++) for (let m = 0; m < c; m++) out[i * c + m] /= totals[i];
    return out;
  }

  predict(X: Matrix): Float64Array {
    if (this.task === 'classification')
      return argmaxRows(this.predictProba(X), X.rows, (this.classes as string[]).length);
    const sums = new Float64Array(X.rows);
    const totals = new Float64Array(X.rows);
    this.forEachNeighbour(X, (query, row, weight) => {
      sums[query] += weight * this.target[row];
      totals[query] += weight;
    });
    for (let i = 0; i < X.rows; i++) sums[i] /= totals[i];
    return sums;
  }

  toJSON(): SerializedModel {
    return {
      kind: KIND,
      version: VERSION,
      task: this.task,
      nFeatures: this.nFeatures,
      ...(this.classes ? { classes: [...this.classes] } : {}),
      state: { params: { ...this.params }, points: Array.from(this.points), target: Array.from(this.target) },
    };
  }
}

export const kNeighbors: ModelDefinition<KNeighborsParams> = {
  kind: KIND,
  title: 'k-nearest neighbours (exact, k-d tree)',
  tasks: ['classification', 'regression'],
  handlesMissing: false,
  defaults: () => ({ n_neighbors: 5, weights: 'uniform', p: 2 }),
  params(raw, task) {
    const p = checkParams(KIND, raw, kNeighbors.defaults(task), {
      n_neighbors: { type: 'number', integer: true, min: 1 },
      weights: { type: 'enum', values: ['uniform', 'distance'] },
      p: { type: 'number', integer: true, min: 1, max: 2 },
    });
    return p;
  },
  async fit(X: Matrix, y: Target, params: KNeighborsParams, ctx: FitContext) {
    throwIfAborted(ctx.signal);
    assertRows(X, y.y.length, TITLE);
    assertFinite(X, TITLE, 'fit');
    if (params.n_neighbors > X.rows) {
      throw new ModelParamError(
        KIND,
        'n_neighbors',
        `${params.n_neighbors} neighbours asked for, but there are only ${X.rows} training rows.`,
      );
    }
    if (y.task === 'regression') {
      for (let i = 0; i < y.y.length; i++)
        if (!Number.isFinite(y.y[i]))
          throw new Error(`${TITLE}: the target has a missing or infinite value at row ${i + 1}.`);
    }
    const model = new FittedKNeighbors(
      y.task,
      X.cols,
      { ...params },
      rowMajor(X),
      Float64Array.from(y.y),
      y.task === 'classification' ? [...y.classes] : undefined,
    );
    throwIfAborted(ctx.signal);
    return model;
  },
  load(saved: SerializedModel) {
    const state = openSaved(saved, KIND, VERSION);
    const task = savedTask(saved, ['classification', 'regression'], KIND);
    const target = numbers(state, 'target', KIND);
    const points = numbers(state, 'points', KIND, target.length * saved.nFeatures);
    let params: KNeighborsParams;
    try {
      params = kNeighbors.params(state.params as Record<string, unknown>, task);
    } catch (error) {
      throw new ModelFormatError(`${KIND}: the saved parameters are invalid (${(error as Error).message}).`);
    }
    if (
      task === 'classification' &&
      target.some((c) => !Number.isInteger(c) || c < 0 || c >= (saved.classes as string[]).length)
    ) {
      throw new ModelFormatError(`${KIND}: the saved class indices are invalid.`);
    }
    return new FittedKNeighbors(
      task,
      saved.nFeatures,
      params,
      points,
      target,
      task === 'classification' ? [...(saved.classes as string[])] : undefined,
    );
  },
};
