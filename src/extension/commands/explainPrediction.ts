// "Explain Prediction": one row of any data file explained (the explain job in the worker,
// writing no record: it is a look, not evidence), shown as a waterfall beside the row's values.
// The row is picked where the reader is: the line under the cursor of an open CSV / NDJSON file
// of the project, else a data file of the project and a row number asked for. Arguments
// { run, model, data, row } skip every question (tests, other commands).
import { extname, isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';
import type { ExplainParams } from '../../core/explain/explainTypes';
import { COMMANDS } from '../../protocol/commands';
import type { PredictionReport, ProjectSummary } from '../../protocol/webview';
import { PredictionPanel, type PredictionRecompute } from '../panels/predictionPanel';
import { buildPredictionReport } from '../runs/predictionPayload';
import { explainTarget } from './explainTarget';
import type { Services } from '../services';

export interface PredictionRequest {
  run?: string;
  model?: string;
  data?: string;
  row?: number;
}

const ROW_FILES = new Set(['.csv', '.tsv', '.txt', '.jsonl', '.ndjson']);

function requestOf(argument: unknown): PredictionRequest {
  // From a file's context menu (explorer or editor): that file.
  if (argument instanceof vscode.Uri) return argument.scheme === 'file' ? { data: argument.fsPath } : {};
  if (!argument || typeof argument !== 'object') return {};
  const given = argument as Record<string, unknown>;
  return {
    ...(typeof given.run === 'string' ? { run: given.run } : {}),
    ...(typeof given.model === 'string' ? { model: given.model } : {}),
    ...(typeof given.data === 'string' ? { data: given.data } : {}),
    ...(Number.isInteger(given.row) ? { row: given.row as number } : {}),
  };
}

/** The file and row under the cursor, when the active editor shows a row-per-line data file of the project. */
function rowAtCursor(root: string): { data: string; row?: number } | undefined {
  const editor = vscode.window.activeTextEditor;
  const file = editor?.document.uri.scheme === 'file' ? editor.document.uri.fsPath : undefined;
  if (!editor || !file || !ROW_FILES.has(extname(file).toLowerCase())) return undefined;
  const path = relative(root, file);
  if (path.startsWith('..') || isAbsolute(path)) return undefined;
  const line = editor.selection.active.line;
  // CSV: line 0 is the header; NDJSON: every line is a row.
  const row = /\.(jsonl|ndjson)$/i.test(file) ? line : line - 1;
  return { data: path.split('\\').join('/'), ...(row >= 0 ? { row } : {}) };
}

async function askData(datasets: Record<string, unknown>): Promise<string | undefined> {
  const items: Array<vscode.QuickPickItem & { path?: string }> = Object.entries(datasets)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([role, path]) => ({ label: path, description: role, path }));
  items.push({ label: 'Another file…', description: 'pick a data file of the project' });
  const choice = await vscode.window.showQuickPick(items, { title: 'Explain a prediction: which data file?' });
  if (!choice) return undefined;
  if (choice.path) return choice.path;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'Data files': ['csv', 'tsv', 'parquet', 'json', 'jsonl', 'ndjson'] },
  });
  return picked?.[0]?.fsPath;
}

async function askRow(data: string, suggested?: number): Promise<number | undefined> {
  const answer = await vscode.window.showInputBox({
    title: `Explain a prediction: which row of ${data}?`,
    prompt: 'The row number, 0-based (the first row after the header is 0)',
    value: suggested !== undefined ? String(suggested) : '0',
    validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number, 0 or more.'),
  });
  return answer === undefined ? undefined : Number(answer.trim());
}

export function registerExplainPrediction(services: Services): vscode.Disposable[] {
  const explainRow = async (
    root: string,
    summary: ProjectSummary,
    request: Required<PredictionRequest>,
  ): Promise<PredictionReport | undefined> => {
    const params: ExplainParams = {
      root,
      model: `${request.run}/${request.model}`,
      data: request.data,
      rows: [request.row],
      record: false,
    };
    const result = await services.jobs.run({
      title: `Explaining row ${request.row} of ${request.data}`,
      job: 'explain',
      params,
    });
    return result ? buildPredictionReport(result, summary) : undefined;
  };

  const recompute: PredictionRecompute = async (shown) => {
    const snapshot = services.model.snapshot ?? (await services.model.refresh());
    const project = snapshot?.state.projectFile.project;
    if (!snapshot || !project) throw new Error('Open a valid ML project (mlcycle.yaml) first.');
    if (!shown) throw new Error('No row is explained: run "ML Lifecycle: Explain Prediction".');
    const report = await explainRow(snapshot.root, shown.project, {
      run: shown.runId,
      model: shown.model,
      data: shown.data,
      row: shown.row.row,
    });
    if (!report) throw new Error('The explanation was cancelled or failed: the panel keeps the last one.');
    return report;
  };

  async function explainPrediction(argument?: unknown): Promise<PredictionReport | undefined> {
    const request = requestOf(argument);
    const target = await explainTarget(services, request);
    if (!target) return undefined;
    const { root, project, run, model } = target;
    const cursor = rowAtCursor(root);
    const data = request.data ?? cursor?.data ?? (await askData(project.datasets));
    if (!data) return undefined;
    const shownData = isAbsolute(data) ? relative(root, data).split('\\').join('/') : data;
    const atCursor = cursor?.data === shownData ? cursor : undefined;
    const row = request.row ?? atCursor?.row ?? (await askRow(shownData));
    if (row === undefined) return undefined;
    const summary = { name: project.name, task: project.task, target: project.target, root };
    const report = await explainRow(root, summary, { run: run.name, model, data: shownData, row });
    if (report) PredictionPanel.show(services.context, report, recompute, services.log);
    return report;
  }

  return [
    vscode.commands.registerCommand(COMMANDS.explainPrediction, explainPrediction),
    PredictionPanel.registerSerializer(services.context, recompute, services.log),
  ];
}
