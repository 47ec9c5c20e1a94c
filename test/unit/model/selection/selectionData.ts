// Test data for feature selection: numeric columns of the real example datasets (rows with a
// missing value dropped), and seeded synthetic data with planted informative and noise features.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMatrix, type Matrix, type Target } from '../../../../src/core/model/matrix';
import { seededRandom } from '../../seededRandom';

const root = join(__dirname, '../../../..');

export interface Table {
  header: string[];
  rows: string[][];
}

export function readCsv(relative: string): Table {
  const lines = readFileSync(join(root, relative), 'utf8').trim().split(/\r?\n/);
  // The examples quote nothing but names; split on commas outside quotes.
  const split = (line: string) =>
    line
      .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
      .slice(0, -1)
      .map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, ''));
  const header = split(lines[0]);
  return {
    header,
    rows: lines
      .slice(1)
      .map(split)
      .filter((r) => r.length === header.length),
  };
}

/** Numeric feature columns and the target column of a CSV, rows with any missing value dropped. */
export function numericTable(
  relative: string,
  features: string[],
  target: string,
): { X: Matrix; labels: string[]; targetValues: number[]; rows: number[][] } {
  const table = readCsv(relative);
  const at = (name: string) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new Error(`${relative}: no column ${name}`);
    return i;
  };
  const fi = features.map(at);
  const ti = at(target);
  const rows: number[][] = [];
  const labels: string[] = [];
  const targetValues: number[] = [];
  for (const r of table.rows) {
    const values = fi.map((i) => Number(r[i]));
    if (
      values.some((v, k) => r[fi[k]] === '' || r[fi[k]] === 'NA' || !Number.isFinite(v)) ||
      r[ti] === '' ||
      r[ti] === 'NA'
    )
      continue;
    rows.push(values);
    labels.push(r[ti]);
    targetValues.push(Number(r[ti]));
  }
  return { X: matrixFromRows(rows, features), labels, targetValues, rows };
}

export function matrixFromRows(rows: number[][], names: string[]): Matrix {
  const X = createMatrix(rows.length, names);
  rows.forEach((r, i) => r.forEach((v, j) => (X.data[j * rows.length + i] = v)));
  return X;
}

export function matrixToRows(X: Matrix): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from({ length: X.cols }, (_, j) => X.data[j * X.rows + i]));
}

export function classTarget(labels: string[]): Target & { task: 'classification' } {
  const classes = [...new Set(labels)].sort();
  return { task: 'classification', classes, y: Int32Array.from(labels, (l) => classes.indexOf(l)) };
}

export function regressionTarget(values: number[]): Target & { task: 'regression' } {
  return { task: 'regression', y: Float64Array.from(values) };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Synthetic data with sources: "signal" (strong), "weak" (moderate), a one-hot "colour" group
 * (3 columns) whose "red" category shifts the target, and pure-noise sources "noise1..noiseN".
 * Features are standard-normal-ish, as after scaling.
 */
export function plantedData(
  task: 'classification' | 'regression',
  n: number,
  seed: number,
  noiseSources = 4,
): { X: Matrix; y: Target; sources: string[] } {
  const random = seededRandom(seed);
  const names = ['signal', 'weak', 'colour=red', 'colour=green', 'colour=blue'];
  const sources = ['signal', 'weak', 'colour', 'colour', 'colour'];
  for (let k = 1; k <= noiseSources; k++) {
    names.push(`noise${k}`);
    sources.push(`noise${k}`);
  }
  const rows: number[][] = [];
  const latent: number[] = [];
  for (let i = 0; i < n; i++) {
    const signal = gaussian(random);
    const weak = gaussian(random);
    const colour = Math.floor(random() * 3);
    const row = [signal, weak, colour === 0 ? 1 : 0, colour === 1 ? 1 : 0, colour === 2 ? 1 : 0];
    for (let k = 0; k < noiseSources; k++) row.push(gaussian(random));
    rows.push(row);
    latent.push(2 * signal + 0.8 * weak + 1.2 * (colour === 0 ? 1 : 0) + 0.5 * gaussian(random));
  }
  const X = matrixFromRows(rows, names);
  if (task === 'regression') return { X, y: regressionTarget(latent), sources };
  const labels = latent.map((v) => (v > 0.4 ? 'yes' : 'no'));
  return { X, y: classTarget(labels), sources };
}

/**
 * Penguins as the pipeline would hand them over: the four measurements standard-scaled, Island
 * and Sex one-hot encoded (their columns share the source name), rows with a missing value dropped.
 */
export function penguinsEncoded(): { X: Matrix; y: Target; sources: string[] } {
  const table = readCsv('examples/penguins/data/train.csv');
  const numeric = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
  const categorical = ['Island', 'Sex'];
  const col = (name: string) => table.header.indexOf(name);
  const rows = table.rows.filter((r) =>
    [...numeric, ...categorical, 'Species'].every((c) => r[col(c)] !== '' && r[col(c)] !== 'NA'),
  );
  const names: string[] = [];
  const sources: string[] = [];
  const columns: number[][] = [];
  for (const name of numeric) {
    const values = rows.map((r) => Number(r[col(name)]));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    names.push(name);
    sources.push(name);
    columns.push(values.map((v) => (v - mean) / std));
  }
  for (const name of categorical) {
    for (const level of [...new Set(rows.map((r) => r[col(name)]))].sort()) {
      names.push(`${name}=${level}`);
      sources.push(name);
      columns.push(rows.map((r) => (r[col(name)] === level ? 1 : 0)));
    }
  }
  const X = createMatrix(rows.length, names);
  columns.forEach((values, j) => X.data.set(values, j * rows.length));
  return { X, y: classTarget(rows.map((r) => r[col('Species')])), sources };
}
