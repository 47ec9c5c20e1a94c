// TreeSHAP on our real fitted models (penguins: 7 features with missing values; cars: regression):
// a random forest, a decision tree and gradient boosting (multiclass, binary, regression), each
// against brute-force Shapley values over all 2^7 coalitions of the same value functions, and
// additive on every row: base + Σ φ = the model's own output (probabilities as the forest votes,
// the boosting raw score) to 1e-9.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainThreadSettings, explainTreesPathThreaded } from '../../../src/core/explain/explainThreads';
import { explainTreesInterventional, explainTreesPath, type ShapValues } from '../../../src/core/explain/treeExplainer';
import { rowMajor, treeSetOf, type TreeSet } from '../../../src/core/explain/treeModels';
import type { Matrix, Target } from '../../../src/core/model/matrix';
import { predictRaw } from '../../../src/core/model/models/boosting/ensemble';
import type { BoostingModel } from '../../../src/core/model/models/boosting/model';
import { histGradientBoosting } from '../../../src/core/model/models/boosting';
import type { FittedModel, ModelDefinition } from '../../../src/core/model/models/estimator';
import { decisionTree } from '../../../src/core/model/models/tree';
import { randomForest } from '../../../src/core/model/models/forest';
import { cars, penguins } from '../model/models/boostingData';
import { bruteShapley, interventionalValue, pathValue } from './bruteShapley';

async function fit(
  definition: ModelDefinition,
  X: Matrix,
  y: Target,
  params: Record<string, unknown>,
): Promise<FittedModel> {
  return definition.fit(X, y, definition.params(params, y.task), { seed: 3, threads: 1 });
}

/** The model's outputs as the explainer reads them (rows × outputs), from the model's own predict. */
function modelOutputs(model: FittedModel, X: Matrix, set: TreeSet): Float64Array {
  if (set.outputKind === 'probability') return model.predictProba!(X);
  if ('ensemble' in model) {
    const raw = predictRaw((model as BoostingModel).ensemble, X);
    const out = new Float64Array(X.rows * set.outputs);
    for (let i = 0; i < X.rows; i++)
      for (let k = 0; k < set.outputs; k++) out[i * set.outputs + k] = raw[k * X.rows + i];
    return out;
  }
  return model.predict(X);
}

function ensembleValue(set: TreeSet, one: (tree: TreeSet['trees'][number]) => Float64Array): Float64Array {
  const out = Float64Array.from(set.offset);
  set.trees.forEach((tree, t) => {
    const v = one(tree);
    if (set.target) out[set.target[t]] += set.scale * v[0];
    else for (let k = 0; k < set.outputs; k++) out[k] += set.scale * v[k];
  });
  return out;
}

function assertMatchesBrute(
  shap: ShapValues,
  rowsToCheck: number[],
  X: Float64Array,
  value: (row: Float64Array, mask: number) => Float64Array,
) {
  const { features: M, outputs } = shap;
  for (const i of rowsToCheck) {
    const row = X.subarray(i * M, (i + 1) * M);
    const expected = bruteShapley(M, outputs, (mask) => value(row, mask));
    for (let f = 0; f < M; f++)
      for (let k = 0; k < outputs; k++) {
        const got = shap.values[(i * M + f) * outputs + k];
        assert.ok(
          Math.abs(got - expected[f][k]) <= 1e-9 * Math.max(1, Math.abs(expected[f][k])),
          `row ${i} f${f} k${k}: ${got} vs ${expected[f][k]}`,
        );
      }
  }
}

const CASES: Array<{
  name: string;
  definition: ModelDefinition;
  data: () => ReturnType<typeof penguins>;
  params: Record<string, unknown>;
}> = [
  {
    name: 'random forest, penguins (3 classes)',
    definition: randomForest,
    data: () => penguins('train'),
    params: { n_estimators: 30, max_depth: 6 },
  },
  {
    name: 'decision tree, cars (regression)',
    definition: decisionTree,
    data: () => cars('train'),
    params: { max_depth: 8 },
  },
  {
    name: 'boosting, penguins (softmax scores)',
    definition: histGradientBoosting,
    data: () => penguins('train'),
    params: { max_iter: 20, max_leaf_nodes: 15 },
  },
  {
    name: 'boosting, Gentoo or not (log-odds)',
    definition: histGradientBoosting,
    data: () => penguins('train', ['other', 'Gentoo']),
    params: { max_iter: 20 },
  },
  {
    name: 'boosting, cars (regression)',
    definition: histGradientBoosting,
    data: () => cars('train'),
    params: { max_iter: 25 },
  },
];

describe('TreeSHAP on fitted models', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const { X, y } = c.data();
      const fixed = y.task === 'classification' ? { ...y, y: Int32Array.from(y.y, (v) => Math.max(v, 0)) } : y;
      const model = await fit(c.definition, X, fixed, c.params);
      const set = treeSetOf(model, X)!;
      assert.ok(set, 'a tree model');
      const rows = rowMajor(X);
      const M = X.cols;
      assert.ok(M <= 10);
      const path = explainTreesPath(set, rows, M);
      const own = modelOutputs(model, X, set);
      for (let i = 0; i < own.length; i++)
        assert.ok(
          Math.abs(path.output[i] - own[i]) <= 1e-12 * Math.max(1, Math.abs(own[i])),
          `output ${i}: ${path.output[i]} vs ${own[i]}`,
        );
      assert.ok(path.additivityError <= 1e-9, `path additivity ${path.additivityError} over ${X.rows} rows`);
      assertMatchesBrute(path, [0, 7, 42], rows, (row, mask) =>
        ensembleValue(set, (tree) => pathValue(tree, row, mask)),
      );

      const background = rows.subarray(0, 20 * M);
      const some = rows.subarray(100 * M, 130 * M);
      const inter = explainTreesInterventional(set, some, M, background);
      assert.ok(inter.additivityError <= 1e-9, `interventional additivity ${inter.additivityError}`);
      const bg = Array.from({ length: 20 }, (_, j) => background.subarray(j * M, (j + 1) * M));
      assertMatchesBrute(inter, [0, 11], some, (row, mask) => {
        const v = ensembleValue(set, (tree) => interventionalValue(tree, row, bg, mask));
        // interventionalValue averages each tree's outputs; the offset is in ensembleValue.
        return v;
      });
    });
  }
});

describe('TreeSHAP on two threads', () => {
  test('the same contributions, row for row, as one thread; a cancel stops it', async () => {
    const { X, y } = penguins('train');
    const fixed = y.task === 'classification' ? { ...y, y: Int32Array.from(y.y, (v) => Math.max(v, 0)) } : y;
    const model = await fit(randomForest, X, fixed, { n_estimators: 20, max_depth: 6 });
    const set = treeSetOf(model, X)!;
    const rows = rowMajor(X);
    const one = explainTreesPath(set, rows, X.cols);
    const saved = explainThreadSettings.minWork;
    explainThreadSettings.minWork = 0;
    try {
      const two = await explainTreesPathThreaded(set, rows, X.cols, { threads: 2 });
      assert.deepEqual(two.values, one.values);
      assert.deepEqual(two.output, one.output);
      assert.ok(two.additivityError <= 1e-9);
      // Cancelled from inside: the first progress report aborts the job.
      const controller = new AbortController();
      await assert.rejects(
        explainTreesPathThreaded(set, rows, X.cols, {
          threads: 2,
          signal: controller.signal,
          onRow: () => controller.abort(),
        }),
      );
    } finally {
      explainThreadSettings.minWork = saved;
    }
  });
});
