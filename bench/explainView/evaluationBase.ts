// The real evaluation report the benchmark draws: a forest trained by the CLI on the penguins
// example (as the browser test trains it), whose explanation is then replaced by a synthetic one
// of the size under test, so every other chart of the page is the real report's.
import type { ExplanationPlots } from '../../src/core/explain/plotTypes';
import { buildEvaluationReport } from '../../src/extension/runs/evaluationPayload';
import { readRunRecord } from '../../src/extension/runs/runRecords';
import type { EvaluationReport } from '../../src/protocol/webview';
import { FOREST_SPEC, trainedPenguins } from '../../test/unit/explain/explainFixtures';

/** Trains the forest in a temporary copy of the example (removed before returning). */
export async function trainedReport(): Promise<EvaluationReport> {
  const { project, runId } = await trainedPenguins(FOREST_SPEC);
  try {
    const summary = { name: 'penguins', task: 'classification' as const, target: 'Species', root: project.root };
    const record = await readRunRecord(project.root, runId);
    return { ...buildEvaluationReport({ record, project: summary }), explanationFor: 'forest' };
  } finally {
    project.dispose();
  }
}

/** The report with `plots` as the forest's explanation. */
export function withExplanation(report: EvaluationReport, plots: ExplanationPlots): EvaluationReport {
  return {
    ...report,
    explanation: {
      model: 'forest',
      data: 'synthetic.csv',
      createdAt: new Date(0).toISOString(),
      recordPath: `.mlcycle/explanations/synthetic-${plots.sampledRows}x${plots.columns.length}.json`,
      method: 'tree',
      methodNote: 'synthetic (benchmark)',
      rows: plots.explainedRows,
      additivityError: 0,
      plots,
    },
    explainedModels: ['forest'],
  };
}
