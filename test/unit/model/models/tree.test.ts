// Decision tree (CART): exact splits on hand-checkable data, missing-value routing, agreement with
// scikit-learn's DecisionTreeClassifier / DecisionTreeRegressor on real data, saving and loading,
// parameter errors, and a class absent from the training target.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelFormatError, ModelParamError, type FittedModel } from '../../../../src/core/model/models/estimator';
import { loadModel } from '../../../../src/core/model/models/registry';
import { decisionTree } from '../../../../src/core/model/models/tree';
import type { Target } from '../../../../src/core/model/matrix';
import { sklearn } from '../sklearnReference';
import { accuracy, cars, matrixOf, penguins, r2, seattleWeather, type Dataset } from './treeTestData';

const classes2 = ['a', 'b'];
const cls = (y: number[], classes = classes2): Target => ({ task: 'classification', classes, y: Int32Array.from(y) });
const reg = (y: number[]): Target => ({ task: 'regression', y: Float64Array.from(y) });

async function fitTree(
  X: ReturnType<typeof matrixOf>,
  y: Target,
  params: Record<string, unknown> = {},
  seed = 0,
): Promise<FittedModel> {
  return decisionTree.fit(X, y, decisionTree.params(params, y.task), { seed, threads: 1 });
}

test('splits a tiny dataset exactly where it must (midpoint threshold, pure leaves)', async () => {
  // Feature 0 separates the classes at 3.5; feature 1 is noise.
  const X = matrixOf([
    [1, 5],
    [2, 1],
    [3, 4],
    [4, 2],
    [5, 6],
    [6, 3],
  ]);
  const model = await fitTree(X, cls([0, 0, 0, 1, 1, 1]));
  assert.deepEqual(model.info, { n_nodes: 3, n_leaves: 2, depth: 1 });
  assert.deepEqual(
    Array.from(
      model.predict(
        matrixOf([
          [3.49, 0],
          [3.5, 0],
          [3.51, 0],
          [-100, 0],
          [100, 0],
        ]),
      ),
    ),
    [0, 0, 1, 0, 1],
  );
  assert.deepEqual(
    Array.from(
      model.predictProba!(
        matrixOf([
          [0, 0],
          [10, 0],
        ]),
      ),
    ),
    [1, 0, 0, 1],
  );
  assert.deepEqual(Array.from(model.featureImportances!()), [1, 0]);
});

test('regression: the split minimises squared error and leaves hold the means', async () => {
  const X = matrixOf([[1], [2], [3], [10], [11], [12]]);
  const model = await fitTree(X, reg([1, 2, 3, 10, 12, 14]), { max_depth: 1 });
  assert.deepEqual(Array.from(model.predict(matrixOf([[6.4], [6.6]]))), [2, 12]);
  assert.equal(model.predictProba, undefined);
});

test('Gini and entropy pick the splits scikit-learn picks, with the same impurity-based importances', async () => {
  for (const name of ['toyGini', 'toyEntropy']) {
    const { case: c, ref } = reference(name);
    const model = await fitCase(c);
    assert.deepEqual(Array.from(model.predict(c.test.X)), ref.pred, name);
    assert.equal(model.info.n_leaves, ref.leaves, name);
    const imp = model.featureImportances!();
    ref.imp.forEach((v, j) => assert.ok(Math.abs(imp[j] - v) < 1e-12, `${name} importance ${j}: ${imp[j]} vs ${v}`));
  }
});

test('missing values go to the side that reduces impurity, and follow it at prediction', async () => {
  // Class 1 rows have x missing (and large x); a NaN at prediction must go with class 1.
  const x = [1, 2, 3, 4, 5, NaN, NaN, NaN, 9, 10];
  const y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
  const model = await fitTree(matrixOf(x.map((v) => [v])), cls(y));
  assert.equal(model.info.n_leaves, 2);
  assert.deepEqual(Array.from(model.predict(matrixOf([[NaN], [2], [9.5]]))), [1, 0, 1]);
  // Missing with the small values instead: NaN now predicts class 0.
  const model2 = await fitTree(matrixOf([1, NaN, NaN, 4, 5, 6, 7, 8, 9, 10].map((v) => [v])), cls(y));
  assert.deepEqual(Array.from(model2.predict(matrixOf([[NaN], [2], [9.5]]))), [0, 0, 1]);
  // A split that saw no missing values sends them to the child with more rows.
  const model3 = await fitTree(matrixOf([1, 2, 3, 4, 5, 6, 7].map((v) => [v])), cls([0, 0, 0, 0, 0, 1, 1]));
  assert.deepEqual(Array.from(model3.predict(matrixOf([[NaN]]))), [0]);
  const model4 = await fitTree(matrixOf([1, 2, 3, 4, 5, 6, 7].map((v) => [v])), cls([0, 0, 1, 1, 1, 1, 1]));
  assert.deepEqual(Array.from(model4.predict(matrixOf([[NaN]]))), [1]);
});

test('an all-missing feature is never split on', async () => {
  const X = matrixOf([
    [NaN, 1],
    [NaN, 2],
    [NaN, 3],
    [NaN, 4],
  ]);
  const model = await fitTree(X, cls([0, 0, 1, 1]));
  assert.deepEqual(Array.from(model.featureImportances!()), [0, 1]);
});

const TOY_ROWS = [
  [1, 1],
  [1, 2],
  [2, 1],
  [2, 2],
  [3, 3],
  [3, 1],
  [4, 3],
  [4, 4],
  [5, 2],
  [5, 5],
];
const TOY_Y = [0, 0, 0, 1, 1, 0, 1, 1, 1, 1];

interface TreeCase {
  kind: 'DecisionTreeClassifier' | 'DecisionTreeRegressor';
  train: Dataset;
  test: Dataset;
  params: Record<string, unknown>;
}
interface TreeReference {
  score: number;
  root: [number, number];
  pred: number[];
  imp: number[];
  leaves: number;
}

const CASES: Record<string, () => TreeCase> = {
  penguinsDefault: () => ({ kind: 'DecisionTreeClassifier', ...penguins(), params: {} }),
  penguinsDepth3: () => ({ kind: 'DecisionTreeClassifier', ...penguins(), params: { max_depth: 3 } }),
  penguinsEntropyLeaf5: () => ({
    kind: 'DecisionTreeClassifier',
    ...penguins(),
    params: { criterion: 'entropy', min_samples_leaf: 5 },
  }),
  carsDepth4: () => ({ kind: 'DecisionTreeRegressor', ...cars(), params: { max_depth: 4 } }),
  carsLeaf3: () => ({ kind: 'DecisionTreeRegressor', ...cars(), params: { min_samples_leaf: 3 } }),
  carsDepth1: () => ({ kind: 'DecisionTreeRegressor', ...cars(), params: { max_depth: 1 } }),
  seattleDepth6: () => ({ kind: 'DecisionTreeClassifier', ...seattleWeather(), params: { max_depth: 6 } }),
  toyGini: () => ({ kind: 'DecisionTreeClassifier', train: toy(), test: toy(), params: { criterion: 'gini' } }),
  toyEntropy: () => ({ kind: 'DecisionTreeClassifier', train: toy(), test: toy(), params: { criterion: 'entropy' } }),
};

function toy(): Dataset {
  return { X: matrixOf(TOY_ROWS), y: cls(TOY_Y), rows: TOY_ROWS, target: TOY_Y };
}

let references: Record<string, TreeReference> | undefined;
/** scikit-learn's results for every case, computed in one Python run. */
function reference(name: string): { case: TreeCase; ref: TreeReference } {
  const cases = Object.fromEntries(Object.entries(CASES).map(([k, make]) => [k, make()]));
  references ??= sklearn<Record<string, TreeReference>>(
    `from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
from sklearn.metrics import accuracy_score, r2_score
result = {}
for name, c in data.items():
    cls = DecisionTreeClassifier if c['kind'] == 'DecisionTreeClassifier' else DecisionTreeRegressor
    m = cls(random_state=0, **c['params']).fit(c['X'], c['y'])
    p = m.predict(c['Xt'])
    score = accuracy_score(c['yt'], p) if cls is DecisionTreeClassifier else r2_score(c['yt'], p)
    result[name] = {'score': score, 'root': [int(m.tree_.feature[0]), float(m.tree_.threshold[0])], 'pred': p.tolist(),
                    'imp': m.feature_importances_, 'leaves': int(m.get_n_leaves())}`,
    Object.fromEntries(
      Object.entries(cases).map(([k, c]) => [
        k,
        { kind: c.kind, params: c.params, X: c.train.rows, y: c.train.target, Xt: c.test.rows, yt: c.test.target },
      ]),
    ),
  );
  return { case: cases[name], ref: references[name] };
}

async function fitCase(c: TreeCase): Promise<FittedModel> {
  return decisionTree.fit(c.train.X, c.train.y, decisionTree.params(c.params, c.train.y.task), { seed: 0, threads: 1 });
}

test('penguins, cars, Seattle weather: accuracy / R² match scikit-learn DecisionTree*', async (t) => {
  const tolerance: Record<string, number> = {
    penguinsDefault: 0.03,
    penguinsDepth3: 0.03,
    penguinsEntropyLeaf5: 0.03,
    carsDepth4: 0.04,
    carsLeaf3: 0.04,
    seattleDepth6: 0.04,
  };
  for (const [name, tol] of Object.entries(tolerance)) {
    const { case: c, ref } = reference(name);
    const model = await fitCase(c);
    const pred = model.predict(c.test.X);
    const ours = c.kind === 'DecisionTreeClassifier' ? accuracy(pred, c.test.target) : r2(pred, c.test.target);
    t.diagnostic(`${name}: ours ${ours.toFixed(4)}, scikit-learn ${ref.score.toFixed(4)}`);
    assert.ok(Math.abs(ours - ref.score) <= tol, `${name}: ${ours} vs scikit-learn ${ref.score}`);
    if (name.startsWith('penguins')) assert.ok(ours > 0.9, `${name}: accuracy ${ours}`);
  }
  // With few distinct values per feature the binned thresholds are scikit-learn's midpoints.
  for (const name of ['penguinsDepth3', 'carsDepth1']) {
    const { case: c, ref } = reference(name);
    const model = (await fitCase(c)).toJSON() as {
      state: { trees: { f: number[]; b: number[] }[]; edges: number[][] };
    };
    const tree = model.state.trees[0];
    assert.equal(tree.f[0], ref.root[0], `${name}: root feature`);
    assert.ok(Math.abs(model.state.edges[tree.f[0]][tree.b[0] >> 1] - ref.root[1]) < 1e-9, `${name}: root threshold`);
  }
});

test('same seed, same tree; saving and loading keeps every prediction', async () => {
  const { train, test: holdout } = penguins();
  const params = decisionTree.params({ max_features: 'sqrt' }, 'classification');
  const a = await decisionTree.fit(train.X, train.y, params, { seed: 7, threads: 1 });
  const b = await decisionTree.fit(train.X, train.y, params, { seed: 7, threads: 1 });
  assert.deepEqual(a.predictProba!(holdout.X), b.predictProba!(holdout.X));
  const saved = JSON.parse(JSON.stringify(a.toJSON()));
  const loaded = loadModel(saved);
  assert.equal(loaded.kind, 'decision_tree');
  assert.deepEqual(loaded.predictProba!(holdout.X), a.predictProba!(holdout.X));
  assert.deepEqual(loaded.featureImportances!(), a.featureImportances!());
  // Also with missing values and an infinite threshold ("all non-missing left").
  const m = await fitTree(matrixOf([1, 2, NaN, NaN].map((v) => [v])), cls([0, 0, 1, 1]));
  const m2 = loadModel(JSON.parse(JSON.stringify(m.toJSON())));
  assert.deepEqual(Array.from(m2.predict(matrixOf([[NaN], [1e300], [-5]]))), [1, 0, 0]);
});

test('loading rejects a newer format and damaged trees', async () => {
  const m = await fitTree(matrixOf([[1], [2], [3], [4]]), cls([0, 0, 1, 1]));
  const saved = m.toJSON();
  assert.throws(
    () => decisionTree.load({ ...saved, version: 99 }),
    (e: Error) => e instanceof ModelFormatError && /newer/.test(e.message),
  );
  const state = JSON.parse(JSON.stringify(saved.state));
  state.trees[0].f.pop();
  assert.throws(() => decisionTree.load({ ...saved, state }), ModelFormatError);
  const state2 = JSON.parse(JSON.stringify(saved.state));
  state2.trees[0].f[0] = 5;
  assert.throws(() => decisionTree.load({ ...saved, state: state2 }), ModelFormatError);
});

test('a class absent from the training target still gets its probability column', async () => {
  const X = matrixOf([[1], [2], [3], [4]]);
  const model = await fitTree(X, cls([0, 0, 2, 2], ['a', 'b', 'c']));
  const proba = model.predictProba!(matrixOf([[1.5], [3.5]]));
  assert.deepEqual(Array.from(proba), [1, 0, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(model.predict(matrixOf([[3.5]]))), [2]);
});

test('parameters: defaults like scikit-learn, clear errors naming the parameter', async () => {
  assert.deepEqual(decisionTree.defaults('classification').criterion, 'gini');
  assert.deepEqual(decisionTree.defaults('regression').criterion, 'squared_error');
  const bad: [Record<string, unknown>, string][] = [
    [{ depth: 3 }, 'depth'],
    [{ criterion: 'squared_error' }, 'criterion'],
    [{ max_depth: 0 }, 'max_depth'],
    [{ max_depth: 2.5 }, 'max_depth'],
    [{ min_samples_split: 0 }, 'min_samples_split'],
    [{ min_samples_leaf: 0 }, 'min_samples_leaf'],
    [{ max_features: 'half' }, 'max_features'],
    [{ max_features: 1.5 }, 'max_features'],
    [{ min_impurity_decrease: -1 }, 'min_impurity_decrease'],
    [{ class_weight: 'balanced_subsample' }, 'class_weight'],
  ];
  for (const [params, name] of bad) {
    assert.throws(
      () => decisionTree.params(params, 'classification'),
      (e: Error) => e instanceof ModelParamError && e.param === name && e.message.includes(name),
      JSON.stringify(params),
    );
  }
  assert.throws(() => decisionTree.params({ class_weight: 'balanced' }, 'regression'), ModelParamError);
  await assert.rejects(
    fitTree(matrixOf([[1], [2]]), cls([0, 1]), { max_features: 3 }),
    (e: Error) => e instanceof ModelParamError && e.message.includes('only 1 features'),
  );
  await assert.rejects(
    fitTree(matrixOf([[1], [2]]), cls([0, 1]), { class_weight: { z: 2 } }),
    (e: Error) => e instanceof ModelParamError && e.message.includes('"z"'),
  );
});

test('class_weight "balanced" shifts predictions toward the rare class', async () => {
  // Overlapping classes, 1 in 5 rows positive: with depth 1 the unweighted tree predicts the rare class less.
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 100; i++) {
    const positive = i % 5 === 0;
    rows.push([positive ? (i % 7) + 3 : i % 8]);
    y.push(positive ? 1 : 0);
  }
  const plain = await fitTree(matrixOf(rows), cls(y), { max_depth: 1 });
  const balanced = await fitTree(matrixOf(rows), cls(y), { max_depth: 1, class_weight: 'balanced' });
  const count = (m: FittedModel) => m.predict(matrixOf(rows)).reduce((s, v) => s + v, 0);
  assert.ok(count(balanced) > count(plain), `${count(balanced)} vs ${count(plain)}`);
});

test('min_impurity_decrease and max_depth limit growth; cancelled fits reject with AbortError', async () => {
  const { train } = penguins();
  const full = await decisionTree.fit(train.X, train.y, decisionTree.params({}, 'classification'), { seed: 0 });
  const pruned = await decisionTree.fit(
    train.X,
    train.y,
    decisionTree.params({ min_impurity_decrease: 0.01 }, 'classification'),
    { seed: 0 },
  );
  const shallow = await decisionTree.fit(train.X, train.y, decisionTree.params({ max_depth: 2 }, 'classification'), {
    seed: 0,
  });
  assert.ok((pruned.info.n_leaves as number) < (full.info.n_leaves as number));
  assert.ok((shallow.info.depth as number) <= 2);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    decisionTree.fit(train.X, train.y, decisionTree.params({}, 'classification'), {
      seed: 0,
      signal: controller.signal,
    }),
    { name: 'AbortError' },
  );
});
