// What a LIME explanation tells besides its contributions: the local models (intercept, R²,
// prediction at the row, per row and output) and the notices every LIME result carries — that
// it is not additive (base + Σ contributions is the local model's prediction, whose distance to
// the model's output is lime's local fit error, not a failed check) and that it moves with the
// seed, measured on a few rows re-explained with other seeds.
import type { LimeReport } from './explainTypes';
import type { LimeRun } from './lime';

function perRow(values: Float64Array, outputs: number): number[][] {
  return Array.from({ length: values.length / outputs }, (_, i) =>
    Array.from(values.subarray(i * outputs, (i + 1) * outputs)),
  );
}

export function limeReport(run: LimeRun): LimeReport {
  const { values, stability } = run;
  return {
    samples: run.samples,
    kernelWidth: values.kernelWidth,
    numFeatures: run.numFeatures,
    intercept: perRow(values.intercepts, values.outputs),
    score: perRow(values.scores, values.outputs),
    localPrediction: perRow(values.localPredictions, values.outputs),
    stability: {
      rows: stability.rows,
      seeds: stability.seeds,
      topK: stability.topK,
      jaccard: stability.jaccard,
      spearman: stability.spearman,
    },
  };
}

export function limeNotices(report: LimeReport, fitError: number): string[] {
  const scores = report.score.flat();
  const meanScore = scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
  const s = report.stability;
  return [
    `LIME is not additive: each row's base is its local model's intercept and base + contributions is the local model's prediction at the row, which differs from the model's output by up to ${fitError.toExponential(2)} (relative; lime's local fit error, not a failed check). The local models' weighted R² averages ${meanScore.toFixed(3)}.`,
    `LIME's explanation changes with the seed: ${s.rows.length} rows explained again with ${s.seeds.length} more seeds (${s.seeds.join(', ')}) agree on their top ${s.topK} columns with a mean Jaccard index of ${s.jaccard.toFixed(2)} and rank their columns with a mean Spearman correlation of ${s.spearman.toFixed(2)} (1 is the same answer); read small differences between contributions with care, or raise --samples.`,
  ];
}
