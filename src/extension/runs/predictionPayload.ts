// The "Explain Prediction" report of one explained row: the explain job's result for a single
// row (its details carry the row's values, contributions, and the actual value when the file
// has the target), with the standard errors of a sampling estimate in the row's column order. Pure.
import type { ExplainResult } from '../../core/explain/explainTypes';
import type { PredictionReport, ProjectSummary } from '../../protocol/webview';

export function buildPredictionReport(
  result: ExplainResult,
  project: ProjectSummary,
  generatedAt = new Date().toISOString(),
): PredictionReport {
  const row = result.details?.[0];
  if (!row) throw new Error(`The explanation of ${result.model} on ${result.data} has no row to show.`);
  const errors = result.standardErrors?.[0];
  return {
    kind: 'prediction',
    generatedAt,
    project,
    runId: result.runId,
    model: result.model,
    data: result.data,
    method: result.method,
    methodNote: result.methodNote,
    outputKind: result.outputKind,
    outputNames: result.outputNames,
    base: result.base,
    row,
    ...(errors ? { standardErrors: errors } : {}),
    additivityError: result.additivityError,
    notices: result.notices,
  };
}
