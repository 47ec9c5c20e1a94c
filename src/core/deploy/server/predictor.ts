// Predicting request rows with a loaded model, as `mlcycle predict` does: the rows (already
// checked against the signature) become a Frame of the model's input columns, the fitted
// pipeline transforms it, the model predicts; labels are the argmax of the probabilities.
import type { Frame, FrameColumn } from '../../model/frame';
import { argmaxLabels } from '../../model/metrics/prediction';
import type { FittedModel } from '../../model/models/estimator';
import type { FittedPipeline } from '../../model/pipeline/fitPipeline';
import { predictMatrix } from '../../model/train/predictions';

export interface LoadedModel {
  inputs: Array<{ name: string; type: 'numeric' | 'categorical' }>;
  classes?: string[];
  pipeline: FittedPipeline;
  model: FittedModel;
}

export interface Predictions {
  rows: number;
  /** classification */
  labels?: string[];
  /** classification: one array per row, in `classes` order. */
  probabilities?: number[][];
  /** regression */
  values?: number[];
}

export function rowsToFrame(inputs: LoadedModel['inputs'], rows: ReadonlyArray<Record<string, unknown>>): Frame {
  const columns = inputs.map((input): FrameColumn => {
    if (input.type === 'numeric') {
      const values = new Float64Array(rows.length);
      rows.forEach((r, i) => {
        const v = r[input.name];
        values[i] = typeof v === 'number' ? v : NaN;
      });
      return { name: input.name, type: 'numeric', values };
    }
    return {
      name: input.name,
      type: 'categorical',
      values: rows.map((r) => {
        const v = r[input.name];
        return v === null || v === undefined ? null : String(v);
      }),
    };
  });
  return { rows: rows.length, columns };
}

export function predictRows(loaded: LoadedModel, rows: ReadonlyArray<Record<string, unknown>>): Predictions {
  const frame = rowsToFrame(loaded.inputs, rows);
  const classes = loaded.classes ?? [];
  const prediction = predictMatrix(loaded.model, loaded.pipeline.transform(frame), classes.length);
  if (prediction.task === 'regression') return { rows: frame.rows, values: Array.from(prediction.values) };
  const k = classes.length;
  const labels = prediction.labels ?? argmaxLabels(prediction.proba, frame.rows, k);
  return {
    rows: frame.rows,
    labels: Array.from(labels, (c) => classes[c]),
    probabilities: Array.from({ length: frame.rows }, (_, i) => Array.from(prediction.proba.slice(i * k, i * k + k))),
  };
}
