// Which explained rows the model gets most wrong, when the data file has the target: the model
// predicts the rows again and the error analysis ranks them by its own per-row loss (log loss
// of the true class, or absolute error), so the report's waterfalls are of the rows its error
// analysis would list. Rows without a target are skipped; a file without the target gives none.
import type { Frame } from '../model/frame';
import type { Matrix } from '../model/matrix';
import { errorAnalysis } from '../model/evaluation/errorAnalysis';
import { prepareTarget } from '../model/pipeline/prepareTarget';
import type { FittedModel } from '../model/models/estimator';
import { predictMatrix, takePredictionRows } from '../model/train/predictions';
import { alignTarget } from '../model/train/trainingData';

export interface WorstExplained {
  position: number;
  actual: string | number;
  predicted: string | number;
  loss: number;
}

export function worstExplainedRows(input: {
  /** The explained rows with every column of the file (the target too, when it has it). */
  frame: Frame;
  X: Matrix;
  model: FittedModel;
  target: string;
  classes?: string[];
  count: number;
  file: string;
}): WorstExplained[] | undefined {
  const { frame, model, target } = input;
  if (!frame.columns.some((c) => c.name === target)) return undefined;
  let prepared;
  try {
    prepared = prepareTarget(frame, target, model.task);
  } catch {
    return undefined;
  }
  const classes = input.classes?.length ?? 0;
  let aligned;
  try {
    aligned = alignTarget(prepared.target, input.classes, input.file);
  } catch {
    return undefined;
  }
  const prediction = takePredictionRows(predictMatrix(model, input.X, classes), prepared.keptRows, classes);
  const analysis = errorAnalysis({
    model: 'explained',
    on: 'holdout',
    frame: prepared.frame,
    target: aligned,
    prediction,
    slices: 0,
    worstRows: input.count,
  });
  return analysis.worstRows.map((w) => ({
    position: prepared.keptRows[w.index],
    actual: w.actual,
    predicted: w.predicted,
    loss: w.loss,
  }));
}
