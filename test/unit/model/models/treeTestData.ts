// Real datasets for the tree and forest tests, as numeric matrices: penguins (species from body
// measurements), cars (miles per gallon from engine and weight) and Seattle weather (the kind of
// day from rain, temperatures and wind, from vega-datasets). Rows with a missing value are dropped
// so scikit-learn 1.2 (which rejects NaN in trees) sees the same data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMatrix, type Matrix, type Target } from '../../../../src/core/model/matrix';

const root = join(__dirname, '../../../..');

export interface Dataset {
  X: Matrix;
  y: Target;
  /** Plain arrays for scikit-learn: rows of features and the target (class index or value). */
  rows: number[][];
  target: number[];
}

function readCsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));
}

function build(
  records: string[][],
  header: string[],
  features: string[],
  targetName: string,
  task: 'classification' | 'regression',
  classes?: string[],
): Dataset {
  const fi = features.map((f) => header.indexOf(f));
  const ti = header.indexOf(targetName);
  const kept = records.filter((r) => r[ti] !== '' && fi.every((j) => r[j] !== '' && Number.isFinite(Number(r[j]))));
  const rows = kept.map((r) => fi.map((j) => Number(r[j])));
  const X = createMatrix(rows.length, features);
  rows.forEach((row, i) => row.forEach((v, j) => (X.data[j * rows.length + i] = v)));
  if (task === 'classification') {
    const names = classes ?? [...new Set(kept.map((r) => r[ti]))].sort();
    const target = kept.map((r) => names.indexOf(r[ti]));
    return { X, y: { task, classes: names, y: Int32Array.from(target) }, rows, target };
  }
  const target = kept.map((r) => Number(r[ti]));
  return { X, y: { task, y: Float64Array.from(target) }, rows, target };
}

function exampleSplit(
  example: string,
  features: string[],
  target: string,
  task: 'classification' | 'regression',
): { train: Dataset; test: Dataset } {
  const [header, ...train] = readCsv(join(root, 'examples', example, 'data', 'train.csv'));
  const test = ['holdout.csv', 'current.csv'].flatMap((f) =>
    readCsv(join(root, 'examples', example, 'data', f)).slice(1),
  );
  const trainSet = build(train, header, features, target, task);
  const classes = trainSet.y.task === 'classification' ? trainSet.y.classes : undefined;
  return { train: trainSet, test: build(test, header, features, target, task, classes) };
}

export function penguins(): { train: Dataset; test: Dataset } {
  return exampleSplit(
    'penguins',
    ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
    'Species',
    'classification',
  );
}

export function cars(): { train: Dataset; test: Dataset } {
  return exampleSplit(
    'cars',
    ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year'],
    'Miles_per_Gallon',
    'regression',
  );
}

/** Seattle weather 2012–2015: the first three years train, the last one tests. */
export function seattleWeather(): { train: Dataset; test: Dataset } {
  const [header, ...records] = readCsv(join(root, 'node_modules/vega-datasets/data/seattle-weather.csv'));
  const features = ['precipitation', 'temp_max', 'temp_min', 'wind'];
  const train = records.filter((r) => !r[0].startsWith('2015'));
  const test = records.filter((r) => r[0].startsWith('2015'));
  const trainSet = build(train, header, features, 'weather', 'classification');
  return {
    train: trainSet,
    test: build(test, header, features, 'weather', 'classification', (trainSet.y as { classes: string[] }).classes),
  };
}

export function accuracy(pred: Float64Array, y: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) hits++;
  return hits / pred.length;
}

export function r2(pred: Float64Array, y: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < y.length; i++) {
    ssRes += (y[i] - pred[i]) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

/** A matrix from rows (row-major plain arrays). */
export function matrixOf(rows: number[][], names?: string[]): Matrix {
  const cols = rows[0].length;
  const X = createMatrix(rows.length, names ?? Array.from({ length: cols }, (_, j) => `x${j}`));
  rows.forEach((row, i) => row.forEach((v, j) => (X.data[j * rows.length + i] = v)));
  return X;
}
