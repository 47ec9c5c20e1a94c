// Which explained rows the model gets most wrong, when the data file has the target: the model
// predicts the rows again and the error analysis ranks them by its own per-row loss (log loss
// of the true class, or absolute error), so the report's waterfalls are of the rows its error
// analysis would list. The target is read leniently — any number of rows, one class is fine —
// and rows whose target is missing (or a class the model never saw) are left out.
import { takeRows, type Frame } from '../model/frame';
import type { Matrix, Target } from '../model/matrix';
import { errorAnalysis } from '../model/evaluation/errorAnalysis';
import { formatNumber, parseNumber } from '../model/pipeline/columnValues';
import type { FittedModel } from '../model/models/estimator';
import { predictMatrix, takePredictionRows } from '../model/train/predictions';

export interface WorstExplained {
  position: number;
  actual: string | number;
  predicted: string | number;
  loss: number;
}

/** The target of each row (a class index, or a number), and the rows that have one. */
function readTarget(frame: Frame, name: string, model: FittedModel, classes: string[] | undefined) {
  const column = frame.columns.find((c) => c.name === name);
  if (!column) return undefined;
  const kept: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < frame.rows; i++) {
    if (model.task === 'regression') {
      const v = column.type === 'numeric' ? column.values[i] : parseNumber(column.values[i] ?? '');
      if (Number.isFinite(v)) {
        kept.push(i);
        y.push(v);
      }
      continue;
    }
    const label = column.type === 'numeric' ? formatNumber(column.values[i]) : column.values[i];
    const k = label === null ? -1 : (classes ?? []).indexOf(label);
    if (k >= 0) {
      kept.push(i);
      y.push(k);
    }
  }
  if (kept.length === 0) return undefined;
  const target: Target =
    model.task === 'regression'
      ? { task: 'regression', y: Float64Array.from(y) }
      : { task: 'classification', classes: classes ?? [], y: Int32Array.from(y) };
  return { kept: Int32Array.from(kept), target };
}

export function worstExplainedRows(input: {
  /** The explained rows with every column of the file (the target too, when it has it). */
  frame: Frame;
  X: Matrix;
  model: FittedModel;
  target: string;
  classes?: string[];
  count: number;
}): WorstExplained[] | undefined {
  const { frame, model } = input;
  const read = readTarget(frame, input.target, model, input.classes);
  if (!read) return undefined;
  const classes = input.classes?.length ?? 0;
  const features = { ...frame, columns: frame.columns.filter((c) => c.name !== input.target) };
  const analysis = errorAnalysis({
    model: 'explained',
    on: 'holdout',
    frame: takeRows(features, read.kept),
    target: read.target,
    prediction: takePredictionRows(predictMatrix(model, input.X, classes), read.kept, classes),
    slices: 0,
    worstRows: input.count,
  });
  return analysis.worstRows.map((w) => ({
    position: read.kept[w.index],
    actual: w.actual,
    predicted: w.predicted,
    loss: w.loss,
  }));
}
