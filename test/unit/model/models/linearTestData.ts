// Test data for the linear, naive Bayes, kNN and dummy model tests: real CSV files (penguins,
// cars, vega-datasets' Seattle weather) turned into a standardised, mean-imputed numeric Matrix
// (the tests' own simple preprocessing), seeded synthetic problems, and rows for scikit-learn.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix, Target } from '../../../../src/core/model/matrix';
import { createMatrix } from '../../../../src/core/model/matrix';
import { seededRandom } from '../../seededRandom';

const ROOT = join(__dirname, '../../../..');

export interface Table {
  X: Matrix;
  /** Target values as strings (classification) or numbers (regression). */
  labels: string[];
  values: Float64Array;
}

export const PENGUINS = join(ROOT, 'examples/penguins/data/train.csv');
export const CARS = join(ROOT, 'examples/cars/data/train.csv');
export const SEATTLE = join(ROOT, 'node_modules/vega-datasets/data/seattle-weather.csv');

/** Numeric features of a CSV (no quoted fields), mean-imputed and standardised; rows without a target are dropped. */
export function loadTable(path: string, features: string[], target: string, standardise = true): Table {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const index = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in ${path}`);
    return i;
  };
  const featureIndex = features.map(index);
  const targetIndex = index(target);
  const cells = lines
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[targetIndex] !== '' && c[targetIndex] !== undefined);
  const X = createMatrix(cells.length, features);
  featureIndex.forEach((col, j) => {
    const values = cells.map((c) => (c[col] === '' ? NaN : Number(c[col])));
    const present = values.filter((v) => !Number.isNaN(v));
    const mean = present.reduce((a, b) => a + b, 0) / present.length;
    const filled = values.map((v) => (Number.isNaN(v) ? mean : v));
    const sd = Math.sqrt(filled.reduce((a, v) => a + (v - mean) ** 2, 0) / filled.length) || 1;
    filled.forEach((v, i) => {
      X.data[j * X.rows + i] = standardise ? (v - mean) / sd : v;
    });
  });
  const labels = cells.map((c) => c[targetIndex]);
  return { X, labels, values: Float64Array.from(labels, Number) };
}

export function classificationTarget(
  labels: string[],
  classes = [...new Set(labels)].sort(),
): Target & { task: 'classification' } {
  return { task: 'classification', classes, y: Int32Array.from(labels, (l) => classes.indexOf(l)) };
}

export function regressionTarget(values: Float64Array): Target & { task: 'regression' } {
  return { task: 'regression', y: values };
}

/** Row-major number[][] for scikit-learn. */
export function toRows(X: Matrix): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from({ length: X.cols }, (_, j) => X.data[j * X.rows + i]));
}

export function fromRows(rows: number[][], names?: string[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const X = createMatrix(rows.length, names ?? Array.from({ length: cols }, (_, j) => `x${j}`));
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      X.data[j * rows.length + i] = v;
    }),
  );
  return X;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A seeded linear problem: y = Xβ + noise (regression) or a logistic draw with `classes` classes. */
export function synthetic(
  seed: number,
  rows: number,
  cols: number,
  task: 'regression' | 'classification',
  classes = 2,
): { X: Matrix; y: Target; beta: Float64Array } {
  const random = seededRandom(seed);
  const X = createMatrix(
    rows,
    Array.from({ length: cols }, (_, j) => `f${j}`),
  );
  for (let k = 0; k < X.data.length; k++) X.data[k] = gaussian(random);
  const vectors = task === 'regression' || classes === 2 ? 1 : classes;
  const beta = new Float64Array(cols * vectors);
  for (let k = 0; k < beta.length; k++) beta[k] = (k % 3 === 0 ? 0 : 1) * gaussian(random);
  const score = (i: number, v: number) => {
    let s = 0;
    for (let j = 0; j < cols; j++) s += X.data[j * rows + i] * beta[v * cols + j];
    return s;
  };
  if (task === 'regression') {
    return {
      X,
      y: { task: 'regression', y: Float64Array.from({ length: rows }, (_, i) => score(i, 0) + 0.5 * gaussian(random)) },
      beta,
    };
  }
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    if (classes === 2) y[i] = random() < 1 / (1 + Math.exp(-score(i, 0))) ? 1 : 0;
    else {
      const e = Array.from({ length: classes }, (_, c) => Math.exp(score(i, c)));
      const total = e.reduce((a, b) => a + b, 0);
      let u = random() * total;
      let c = 0;
      while (c < classes - 1 && (u -= e[c]) > 0) c++;
      y[i] = c;
    }
  }
  return { X, y: { task: 'classification', classes: Array.from({ length: classes }, (_, c) => `c${c}`), y }, beta };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** max |a−b| / max(max|b|, tiny): relative error against the reference b. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-300;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  return maxAbsDiff(a, b) / scale;
}
