// The explanation the evaluation report shows: the newest explanation record of the report's
// model in this run, with the plots' summary written beside it (plotTypes.ts). A missing or
// unreadable plots file is said in the report, never an error of the whole report.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExplanationPlots } from '../../core/explain/plotTypes';
import { readRecords } from '../../core/records';
import type { EvaluationExplanation } from '../../protocol/webview';

interface ExplanationData {
  runId?: string;
  model?: string;
  data?: string;
  method?: string;
  methodNote?: string;
  rows?: number;
  additivityError?: number;
  plots?: string;
}

export interface RunExplanations {
  explanation?: EvaluationExplanation;
  explainedModels: string[];
}

async function readPlots(root: string, path: string): Promise<ExplanationPlots> {
  const value = JSON.parse(await readFile(join(root, path), 'utf8')) as ExplanationPlots;
  if (value?.schemaVersion !== 1 || !Array.isArray(value.columns)) throw new Error('not a plots file of this version');
  return value;
}

export async function explanationsOfRun(root: string, runId: string, model: string): Promise<RunExplanations> {
  const { records } = await readRecords(root, 'explanation');
  const ofRun = records.filter((r) => (r.data as ExplanationData | undefined)?.runId === runId);
  const explainedModels = [...new Set(ofRun.map((r) => (r.data as ExplanationData).model ?? ''))].filter(Boolean);
  // Newest first (readRecords sorts by createdAt).
  const record = ofRun.find((r) => (r.data as ExplanationData).model === model);
  if (!record) return { explainedModels };
  const data = record.data as ExplanationData;
  const explanation: EvaluationExplanation = {
    model,
    data: data.data ?? '',
    createdAt: record.createdAt,
    recordPath: `.mlcycle/explanations/${record.name}.json`,
    method: data.method ?? '',
    methodNote: data.methodNote ?? '',
    rows: data.rows ?? 0,
    additivityError: data.additivityError ?? NaN,
  };
  if (!data.plots) explanation.problem = 'This explanation was written before the report drew plots: explain again.';
  else
    try {
      explanation.plots = await readPlots(root, data.plots);
    } catch (error) {
      explanation.problem = `The plots of this explanation (${data.plots}) cannot be read: ${(error as Error).message}. Explain again.`;
    }
  return { explanation, explainedModels };
}
