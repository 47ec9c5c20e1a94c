// Separates the target from the features: rows without a target are dropped (and counted),
// classes are encoded in scikit-learn's LabelEncoder order (numeric order when the column is
// numeric, string order otherwise), and a target that cannot be learned is refused clearly:
// absent, all missing, constant / one class, or text where a regression needs numbers.
import { JobError } from '../../../protocol/jobError';
import { takeRows, type Frame } from '../frame';
import type { Target } from '../matrix';
import type { Task } from '../models/estimator';
import { formatNumber, parseNumber, whereRow } from './columnValues';

export interface PreparedTarget {
  /** The features: the target column removed, rows with a missing target dropped. */
  frame: Frame;
  target: Target;
  droppedRows: number;
  /** Positions (in the input frame) of the rows kept. */
  keptRows: Int32Array;
}

export function prepareTarget(frame: Frame, targetName: string, task: Task): PreparedTarget {
  const column = frame.columns.find((c) => c.name === targetName);
  if (!column) {
    throw new JobError(
      'bad-input',
      `The data has no target column "${targetName}". Its columns: ${frame.columns.map((c) => c.name).join(', ')}.`,
    );
  }
  const present = (i: number) =>
    column.type === 'numeric' ? !Number.isNaN(column.values[i]) : column.values[i] !== null;
  let kept = 0;
  for (let i = 0; i < frame.rows; i++) if (present(i)) kept++;
  if (frame.rows === 0) throw new JobError('bad-input', 'The data has no rows.');
  if (kept === 0)
    throw new JobError(
      'bad-input',
      `The target "${targetName}" is missing in every row: there is nothing to learn from.`,
    );
  const keptRows = new Int32Array(kept);
  for (let i = 0, k = 0; i < frame.rows; i++) if (present(i)) keptRows[k++] = i;

  const features: Frame = { ...frame, columns: frame.columns.filter((c) => c !== column) };
  const rows = kept === frame.rows ? features : takeRows(features, keptRows);
  const result = { frame: rows, droppedRows: frame.rows - kept, keptRows };

  if (task === 'regression') {
    const y = new Float64Array(kept);
    for (let k = 0; k < kept; k++) {
      const i = keptRows[k];
      const v = column.type === 'numeric' ? column.values[i] : parseNumber(column.values[i] as string);
      if (Number.isNaN(v)) {
        throw new JobError(
          'bad-input',
          `The target "${targetName}" must be numeric for a regression, but ${whereRow(frame, i)} has "${String(column.values[i])}".`,
          frame.lineNumbers ? { line: frame.lineNumbers[i] } : {},
        );
      }
      if (!Number.isFinite(v)) {
        throw new JobError(
          'bad-input',
          `The target "${targetName}" is ${v} at ${whereRow(frame, i)}: a regression needs finite numbers.`,
          frame.lineNumbers ? { line: frame.lineNumbers[i] } : {},
        );
      }
      y[k] = v;
    }
    let constant = true;
    for (let k = 1; k < kept && constant; k++) constant = y[k] === y[0];
    if (constant)
      throw new JobError(
        'bad-input',
        `The target "${targetName}" is ${y[0]} in every row: a constant cannot be learned.`,
      );
    return { ...result, target: { task: 'regression', y } };
  }

  const y = new Int32Array(kept);
  let classes: string[];
  if (column.type === 'numeric') {
    const distinct = [...new Set(Array.from(keptRows, (i) => column.values[i]))].sort((a, b) => a - b);
    const index = new Map(distinct.map((v, k) => [v, k]));
    for (let k = 0; k < kept; k++) y[k] = index.get(column.values[keptRows[k]]) as number;
    classes = distinct.map((v) => formatNumber(v) as string);
  } else {
    const values = column.values;
    classes = [...new Set(Array.from(keptRows, (i) => values[i] as string))].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    const index = new Map(classes.map((v, k) => [v, k]));
    for (let k = 0; k < kept; k++) y[k] = index.get(values[keptRows[k]] as string) as number;
  }
  if (classes.length < 2) {
    throw new JobError(
      'bad-input',
      `The target "${targetName}" has one class only ("${classes[0]}"): a classifier needs at least two.`,
    );
  }
  return { ...result, target: { task: 'classification', classes, y } };
}
