// Test helpers for the metric tests: scikit-learn's own metric functions run on the same
// predictions (test/unit/model/sklearnReference.ts), real-ish predictions from models fitted
// by scikit-learn on the example datasets, seeded synthetic predictions, and a tolerance check.
import assert from 'node:assert/strict';
import { seededRandom } from '../../seededRandom';

/** One classification case: class indices, probabilities (rows of k), positive class index. */
export interface ClassCase {
  name: string;
  y: number[];
  proba: number[][];
  k: number;
  pos: number;
}

export interface RegressionCase {
  name: string;
  y: number[];
  p: number[];
}

/** Python: every classification metric with scikit-learn's functions; errors (undefined metrics) → absent. */
export const PY_CLASSIFICATION = `
from sklearn import metrics as M
from sklearn.preprocessing import label_binarize
def attempt(out, key, fn):
    try:
        out[key] = float(fn())
    except ValueError:
        pass
def clf_metrics(case):
    y = np.array(case['y']); P = np.array(case['proba'], dtype=float); k = case['k']; pos = case['pos']
    pred = P.argmax(axis=1)
    out = {}
    out['accuracy'] = M.accuracy_score(y, pred)
    out['balanced_accuracy'] = M.balanced_accuracy_score(y, pred)
    for avg in ['macro', 'weighted']:
        out['precision_' + avg] = M.precision_score(y, pred, average=avg)
        out['recall_' + avg] = M.recall_score(y, pred, average=avg)
        out['f1_' + avg] = M.f1_score(y, pred, average=avg)
    yb = (y == pos).astype(int)
    if k == 2:
        out['precision'] = M.precision_score(y, pred, pos_label=pos)
        out['recall'] = M.recall_score(y, pred, pos_label=pos)
        out['f1'] = M.f1_score(y, pred, pos_label=pos)
        attempt(out, 'roc_auc', lambda: M.roc_auc_score(yb, P[:, pos]))
        out['average_precision'] = M.average_precision_score(yb, P[:, pos])
        out['brier_score'] = M.brier_score_loss(yb, P[:, pos])
    else:
        attempt(out, 'roc_auc', lambda: M.roc_auc_score(y, P, multi_class='ovr'))
        attempt(out, 'roc_auc_ovr', lambda: M.roc_auc_score(y, P, multi_class='ovr'))
        attempt(out, 'roc_auc_ovr_weighted', lambda: M.roc_auc_score(y, P, multi_class='ovr', average='weighted'))
        out['average_precision'] = M.average_precision_score(label_binarize(y, classes=list(range(k))), P, average='macro')
        out['brier_score'] = np.mean([M.brier_score_loss((y == c).astype(int), P[:, c]) for c in range(k)])
    out['log_loss'] = M.log_loss(y, P, labels=list(range(k)))
    return {key: float(v) for key, v in out.items() if not (isinstance(v, float) and np.isnan(v))}
`;

export const PY_REGRESSION = `
from sklearn import metrics as M
def reg_metrics(case):
    y = np.array(case['y'], dtype=float); p = np.array(case['p'], dtype=float)
    out = {
        'mse': M.mean_squared_error(y, p),
        'rmse': M.mean_squared_error(y, p, squared=False),
        'mae': M.mean_absolute_error(y, p),
        'r2': M.r2_score(y, p),
        'mape': M.mean_absolute_percentage_error(y, p),
        'median_absolute_error': M.median_absolute_error(y, p),
        'explained_variance': M.explained_variance_score(y, p),
        'max_error': M.max_error(y, p),
    }
    return {key: float(v) for key, v in out.items() if not np.isnan(v)}
`;

/**
 * Python: fits scikit-learn models on the example datasets and returns real predictions:
 * penguins species (3 classes, logistic regression), penguins sex (binary, Gaussian naive
 * Bayes), cars miles per gallon (linear regression), each on the holdout file.
 */
export const PY_EXAMPLE_PREDICTIONS = `
import pandas as pd
from sklearn.linear_model import LogisticRegression, LinearRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
num = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)']
tr = pd.read_csv(data['root'] + '/examples/penguins/data/train.csv').dropna(subset=num + ['Sex'])
ho = pd.read_csv(data['root'] + '/examples/penguins/data/holdout.csv').dropna(subset=num + ['Sex'])
tr = tr[tr['Sex'].isin(['MALE', 'FEMALE'])]; ho = ho[ho['Sex'].isin(['MALE', 'FEMALE'])]
species = sorted(tr['Species'].unique())
m = make_pipeline(StandardScaler(), LogisticRegression(C=0.05, max_iter=1000)).fit(tr[num], tr['Species'])
sp = {'y': [species.index(s) for s in ho['Species']], 'proba': m.predict_proba(ho[num]).tolist(), 'classes': species}
sexes = sorted(tr['Sex'].unique())
g = GaussianNB().fit(tr[num], tr['Sex'])
sx = {'y': [sexes.index(s) for s in ho['Sex']], 'proba': g.predict_proba(ho[num]).tolist(), 'classes': sexes}
cnum = ['Cylinders', 'Displacement', 'Weight_in_lbs', 'Acceleration', 'Year']
ctr = pd.read_csv(data['root'] + '/examples/cars/data/train.csv').dropna(subset=cnum + ['Miles_per_Gallon'])
cho = pd.read_csv(data['root'] + '/examples/cars/data/holdout.csv').dropna(subset=cnum + ['Miles_per_Gallon'])
lr = LinearRegression().fit(ctr[cnum], ctr['Miles_per_Gallon'])
cars = {'y': cho['Miles_per_Gallon'].tolist(), 'p': lr.predict(cho[cnum]).tolist()}
result = {'species': sp, 'sex': sx, 'cars': cars}
`;

/** Seeded probabilities from a softmax of noisy class scores; `decimals` rounds them to create ties. */
export function syntheticClassification(
  name: string,
  seed: number,
  rows: number,
  k: number,
  options: { decimals?: number; signal?: number } = {},
): ClassCase {
  const random = seededRandom(seed);
  const signal = options.signal ?? 1.5;
  const y: number[] = [];
  const proba: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const cls = Math.floor(random() * k);
    const scores = Array.from({ length: k }, (_, c) => (c === cls ? signal : 0) + gaussian(random));
    const max = Math.max(...scores);
    const exp = scores.map((s) => Math.exp(s - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    let row = exp.map((e) => e / sum);
    if (options.decimals !== undefined) {
      const f = 10 ** options.decimals;
      // Round all but the last class, which takes the rest, so rows still sum to 1.
      const head = row.slice(0, -1).map((v) => Math.round(v * f) / f);
      const rest = Math.max(0, Math.round((1 - head.reduce((a, b) => a + b, 0)) * f) / f);
      row = [...head, rest];
      const s = row.reduce((a, b) => a + b, 0);
      row = row.map((v) => v / s);
    }
    y.push(cls);
    proba.push(row);
  }
  return { name, y, proba, k, pos: k === 2 ? 1 : 0 };
}

export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function oneHot(labels: number[], k: number): number[][] {
  return labels.map((l) => Array.from({ length: k }, (_, c) => (c === l ? 1 : 0)));
}

/** |a − b| ≤ rel·max(|a|, |b|) + abs. */
export function assertClose(actual: number, expected: number, message: string, rel = 1e-9, abs = 1e-12): void {
  const ok = Math.abs(actual - expected) <= rel * Math.max(Math.abs(actual), Math.abs(expected)) + abs;
  assert.ok(ok, `${message}: got ${actual}, scikit-learn ${expected}`);
}

export function assertSameMetrics(
  actual: Record<string, number>,
  expected: Record<string, number>,
  label: string,
): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${label}: metric names`);
  for (const key of Object.keys(expected)) assertClose(actual[key], expected[key], `${label}: ${key}`);
}

export function assertSameArray(actual: ArrayLike<number>, expected: number[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], `${label}[${i}]`);
}
