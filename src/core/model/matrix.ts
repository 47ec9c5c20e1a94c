// The numeric design matrix every model fits on: column-major Float64Array (feature j's values
// are data[j*rows .. j*rows+rows)), NaN only where a model accepts missing values (the gradient
// boosting and tree models do; linear models, kNN and naive Bayes need an imputer first).
// Column-major because every model here scans one feature at a time (coordinate descent,
// binning, split finding); kNN/row access goes through `row()`.

export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
  /** One name per column, after encoding (e.g. "Island=Biscoe"). */
  names: string[];
}

/** The learning target, already encoded. Classes are sorted like scikit-learn's LabelEncoder (string order). */
export type Target =
  { task: 'classification'; classes: string[]; y: Int32Array } | { task: 'regression'; y: Float64Array };

export function createMatrix(rows: number, names: string[]): Matrix {
  return { rows, cols: names.length, data: new Float64Array(rows * names.length), names };
}

export function column(m: Matrix, j: number): Float64Array {
  return m.data.subarray(j * m.rows, (j + 1) * m.rows);
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[j * m.rows + i];
}

/** Copies row i into `out` (length cols). */
export function row(m: Matrix, i: number, out: Float64Array = new Float64Array(m.cols)): Float64Array {
  for (let j = 0; j < m.cols; j++) out[j] = m.data[j * m.rows + i];
  return out;
}

export function takeMatrixRows(m: Matrix, index: ArrayLike<number>): Matrix {
  const n = index.length;
  const out = createMatrix(n, m.names);
  for (let j = 0; j < m.cols; j++) {
    const src = j * m.rows;
    const dst = j * n;
    for (let i = 0; i < n; i++) out.data[dst + i] = m.data[src + index[i]];
  }
  return out;
}

export function takeMatrixColumns(m: Matrix, columns: ArrayLike<number>): Matrix {
  const names = Array.from(columns, (j) => m.names[j]);
  const out = createMatrix(m.rows, names);
  for (let k = 0; k < columns.length; k++) out.data.set(column(m, columns[k]), k * m.rows);
  return out;
}

export function takeTargetRows(t: Target, index: ArrayLike<number>): Target {
  const n = index.length;
  if (t.task === 'classification') {
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) y[i] = t.y[index[i]];
    return { task: 'classification', classes: t.classes, y };
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = t.y[index[i]];
  return { task: 'regression', y };
}
