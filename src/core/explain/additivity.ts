// The additivity check every explanation reports: base + Σ contributions against the model's
// output, the largest gap over rows and outputs, relative to max(1, |output|).
import type { ShapValues } from './treeExplainer';

/** `result` with its additivityError computed. */
export function withAdditivity(result: ShapValues): ShapValues {
  const { rows, features, outputs, values, base, output } = result;
  let worst = 0;
  for (let i = 0; i < rows; i++)
    for (let k = 0; k < outputs; k++) {
      let sum = base[k];
      for (let f = 0; f < features; f++) sum += values[(i * features + f) * outputs + k];
      const y = output[i * outputs + k];
      worst = Math.max(worst, Math.abs(sum - y) / Math.max(1, Math.abs(y)));
    }
  result.additivityError = worst;
  return result;
}
