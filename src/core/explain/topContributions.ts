// The columns that contribute most to each prediction, for `mlcycle predict --explain K`: the
// contributions toward the predicted class (classification: the class probability or score the
// model explains; binary log-odds negated when the prediction is the other class) or toward the
// value, the K largest by magnitude, as CSV columns explain_<i>_column / explain_<i>_contribution.
import type { Matrix } from '../model/matrix';
import type { RunData } from '../model/runTypes';
import type { LoadedArtifact } from '../model/train/artifacts';
import type { RecordEnvelope } from '../records';
import { computeContributions, type Contributions } from './contributions';
import { DEFAULT_BACKGROUND, DEFAULT_PAIRS } from './explainDefaults';

export interface TopRequest {
  root: string;
  loaded: LoadedArtifact & { runId: string; name: string };
  run: RecordEnvelope<RunData>;
  X: Matrix;
  top: number;
  /** The predicted class of each row (classification). */
  labels?: ArrayLike<number>;
  signal?: AbortSignal;
}

export async function topContributions(request: TopRequest) {
  const c = await computeContributions({
    root: request.root,
    loaded: request.loaded,
    run: request.run,
    X: request.X,
    method: 'auto',
    background: DEFAULT_BACKGROUND,
    seed: request.run.data.seed,
    pairs: DEFAULT_PAIRS,
    expanded: false,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  return topColumns(c, request.top, request.labels);
}

/** The K largest contributions of each row toward its predicted class (or value), as CSV columns. */
export function topColumns(
  c: Pick<Contributions, 'shap' | 'columns' | 'method' | 'note' | 'outputKind'>,
  top: number,
  predicted?: ArrayLike<number>,
) {
  const { shap, columns } = c;
  const { rows, features, outputs } = shap;
  const k = Math.min(top, features);
  const names = Array.from({ length: k }, () => new Array<string | null>(rows));
  const values = Array.from({ length: k }, () => new Float64Array(rows));
  const one = new Float64Array(features);
  for (let i = 0; i < rows; i++) {
    const label = predicted?.[i] ?? 0;
    // One output per class: the predicted class's. One output for a binary classifier: the
    // positive class's log-odds, turned toward the predicted class.
    const output = outputs > 1 ? label : 0;
    const sign = outputs === 1 && predicted && label === 0 ? -1 : 1;
    for (let f = 0; f < features; f++) one[f] = sign * shap.values[(i * features + f) * outputs + output];
    const order = Array.from({ length: features }, (_, f) => f).sort(
      (a, b) => Math.abs(one[b]) - Math.abs(one[a]) || a - b,
    );
    for (let j = 0; j < k; j++) {
      names[j][i] = columns[order[j]];
      values[j][i] = one[order[j]];
    }
  }
  return {
    method: c.method,
    note: c.note,
    outputKind: c.outputKind,
    columns: Array.from({ length: k }, (_, j) => [
      { name: `explain_${j + 1}_column`, values: names[j] },
      { name: `explain_${j + 1}_contribution`, values: values[j] },
    ]).flat(),
  };
}
