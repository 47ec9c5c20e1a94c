// Test data for the gradient-boosting tests: real files (penguins and cars examples, vega-datasets'
// flights) as numeric matrices with missing values kept as NaN (boosting handles them itself),
// seeded synthetic problems, and helpers to send the same rows to scikit-learn and score them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMatrix, type Matrix, type Target } from '../../../../src/core/model/matrix';
import { seededRandom } from '../../seededRandom';

const ROOT = join(__dirname, '../../../..');

export interface Dataset {
  X: Matrix;
  y: Target;
}

function csvRows(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** Builds a matrix from per-row feature vectors (NaN = missing). */
export function matrixOf(rows: number[][], names: string[]): Matrix {
  const X = createMatrix(rows.length, names);
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      X.data[j * rows.length + i] = v;
    }),
  );
  return X;
}

const num = (s: string) => (s === '' || s === undefined ? NaN : Number(s));

/** Penguins species (3 classes) from the measurements (missing kept), island and sex one-hot. */
export function penguins(file: 'train' | 'holdout', classes = ['Adelie', 'Chinstrap', 'Gentoo']): Dataset {
  const { header, rows } = csvRows(join(ROOT, `examples/penguins/data/${file}.csv`));
  const at = (name: string) => header.indexOf(name);
  const features = rows.map((r) => [
    num(r[at('Beak Length (mm)')]),
    num(r[at('Beak Depth (mm)')]),
    num(r[at('Flipper Length (mm)')]),
    num(r[at('Body Mass (g)')]),
    r[at('Island')] === 'Biscoe' ? 1 : 0,
    r[at('Island')] === 'Dream' ? 1 : 0,
    r[at('Sex')] === 'MALE' ? 1 : r[at('Sex')] === 'FEMALE' ? 0 : NaN,
  ]);
  const y = Int32Array.from(rows, (r) => classes.indexOf(r[at('Species')]));
  return {
    X: matrixOf(features, ['beak_length', 'beak_depth', 'flipper', 'mass', 'biscoe', 'dream', 'male']),
    y: { task: 'classification', classes, y },
  };
}

/** Cars miles per gallon (regression) from the numeric columns (Horsepower has gaps) and origin one-hot. */
export function cars(file: 'train' | 'holdout'): Dataset {
  const { header, rows } = csvRows(join(ROOT, `examples/cars/data/${file}.csv`));
  const at = (name: string) => header.indexOf(name);
  const kept = rows.filter((r) => r[at('Miles_per_Gallon')] !== '');
  const features = kept.map((r) => [
    num(r[at('Cylinders')]),
    num(r[at('Displacement')]),
    num(r[at('Horsepower')]),
    num(r[at('Weight_in_lbs')]),
    num(r[at('Acceleration')]),
    num(r[at('Year')]),
    r[at('Origin')] === 'USA' ? 1 : 0,
    r[at('Origin')] === 'Japan' ? 1 : 0,
  ]);
  const y = Float64Array.from(kept, (r) => Number(r[at('Miles_per_Gallon')]));
  return {
    X: matrixOf(features, [
      'cylinders',
      'displacement',
      'horsepower',
      'weight',
      'acceleration',
      'year',
      'usa',
      'japan',
    ]),
    y: { task: 'regression', y },
  };
}

/** vega-datasets flights: delayed more than 15 minutes, from distance, time of day, weekday, day of month and origin size. */
export function flights(limit = 20_000): Dataset {
  const records = JSON.parse(readFileSync(join(ROOT, 'node_modules/vega-datasets/data/flights-20k.json'), 'utf8')) as {
    date: string;
    delay: number;
    distance: number;
    origin: string;
  }[];
  const slice = records.slice(0, limit);
  const originCount = new Map<string, number>();
  for (const r of slice) originCount.set(r.origin, (originCount.get(r.origin) ?? 0) + 1);
  const features = slice.map((r) => {
    const [day, time] = r.date.split(' ');
    const [year, month, date] = day.split('/').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    return [
      r.distance,
      hour + minute / 60,
      new Date(Date.UTC(year, month - 1, date)).getUTCDay(),
      date,
      originCount.get(r.origin)!,
    ];
  });
  const y = Int32Array.from(slice, (r) => (r.delay > 15 ? 1 : 0));
  return {
    X: matrixOf(features, ['distance', 'hour', 'weekday', 'day', 'origin_flights']),
    y: { task: 'classification', classes: ['on_time', 'delayed'], y },
  };
}

/** Seeded binary problem with interactions and noise: n rows × p features (the first 4 informative). */
export function synthetic(n: number, p: number, seed: number): Dataset {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows: number[][] = [];
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = Array.from({ length: p }, normal);
    const score = 1.5 * r[0] - r[1] + (r[2] > 0.5 ? 1.2 : -0.4) * r[3] + 0.8 * r[0] * r[1] + normal() * 0.8;
    y[i] = score > 0 ? 1 : 0;
    rows.push(r);
  }
  return {
    X: matrixOf(
      rows,
      Array.from({ length: p }, (_, j) => `x${j}`),
    ),
    y: { task: 'classification', classes: ['no', 'yes'], y },
  };
}

/** Rows (row-major, NaN → null) for scikit-learn. */
export function rowsOf(X: Matrix): (number | null)[][] {
  return Array.from({ length: X.rows }, (_, i) =>
    Array.from({ length: X.cols }, (_, j) => {
      const v = X.data[j * X.rows + i];
      return Number.isNaN(v) ? null : v;
    }),
  );
}

/** ROC-AUC with ties averaged (the Mann-Whitney statistic). */
export function rocAuc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let positives = 0;
  let rankSum = 0;
  for (let k = 0; k < order.length;) {
    let e = k;
    while (e < order.length && score[order[e]] === score[order[k]]) e++;
    const rank = (k + 1 + e) / 2;
    for (let q = k; q < e; q++)
      if (y[order[q]] === 1) {
        rankSum += rank;
        positives++;
      }
    k = e;
  }
  const negatives = y.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function r2(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i] / y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - pred[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

export function accuracy(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) hits++;
  return hits / y.length;
}

/** Splits a dataset into the first `fraction` of rows and the rest. */
export function headTail(d: Dataset, fraction: number): [Dataset, Dataset] {
  const cut = Math.floor(d.X.rows * fraction);
  const take = (from: number, to: number): Dataset => {
    const rows = rowsOf(d.X)
      .slice(from, to)
      .map((r) => r.map((v) => (v === null ? NaN : v)));
    const X = matrixOf(rows, d.X.names);
    const y: Target =
      d.y.task === 'classification'
        ? { task: 'classification', classes: d.y.classes, y: d.y.y.slice(from, to) }
        : { task: 'regression', y: d.y.y.slice(from, to) };
    return { X, y };
  };
  return [take(0, cut), take(cut, d.X.rows)];
}
