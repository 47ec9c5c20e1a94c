// The model phase's commands: "Train Models" runs the pipeline spec in the background worker
// and opens the evaluation report of the new run; "Open Evaluation Report" shows a run (the
// newest, one picked, or one named by the Runs view); "Compare Runs" / "Compare Selected Runs"
// put two or more runs side by side; "Evaluate Model on Dataset" scores a run's model on
// another labelled file; "Predict with Model" writes a model's predictions for a file. The jobs
// run only in a trusted workspace (the job service asks); a failing spec is reported at its
// line and column by the job's progress notification.
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { RunModelResult } from '../../core/model/runTypes';
import type { EvaluateResult, TrainResult } from '../../core/model/train/trainTypes';
import type { ProjectFile } from '../../core/project/projectFile';
import { COMMANDS } from '../../protocol/commands';
import type { CompareReport, EvaluationReport, ProjectSummary } from '../../protocol/webview';
import { ComparePanel, type CompareRecompute } from '../panels/comparePanel';
import { EvaluationPanel, type EvaluationRecompute } from '../panels/evaluationPanel';
import { buildCompareReport } from '../runs/comparePayload';
import { buildEvaluationReport } from '../runs/evaluationPayload';
import { explanationsOfRun } from '../runs/explanationPayload';
import { formatMetricValue } from '../runs/runFormat';
import { bestModelOf, judgedValue, readRunRecord, runRecordsOf, shortDate, type RunRecord } from '../runs/runRecords';
import type { RunsNode, RunsTree } from '../runs/runsTree';
import type { Services } from '../services';

interface Project {
  root: string;
  project: ProjectFile;
  summary: ProjectSummary;
}

const DATA_FILTERS = { 'Data files': ['csv', 'tsv', 'txt', 'json', 'ndjson', 'jsonl', 'parquet'] };

async function currentProject(services: Services): Promise<Project | undefined> {
  const snapshot = services.model.snapshot ?? (await services.model.refresh());
  const project = snapshot?.state.projectFile.project;
  if (snapshot && project) {
    return {
      root: snapshot.root,
      project,
      summary: { name: project.name, task: project.task, target: project.target, root: snapshot.root },
    };
  }
  void vscode.window.showErrorMessage('ML Lifecycle: open a valid ML project (mlcycle.yaml) first.');
  return undefined;
}

const exists = (path: string) =>
  vscode.workspace.fs.stat(vscode.Uri.file(path)).then(
    () => true,
    () => false,
  );

/** The project's runs, newest first, from the project model (which watches .mlcycle/runs). */
function runsOf(services: Services): RunRecord[] {
  return runRecordsOf((services.model.snapshot?.state.records.run ?? []).map((f) => f.record));
}

function runHeadline(record: RunRecord): string {
  const run = record.data;
  const best = bestModelOf(run);
  const value = best && judgedValue(best, run.primaryMetric);
  return `${shortDate(record.createdAt)} · ${best?.name ?? 'no model'} ${run.primaryMetric} ${value ? formatMetricValue(value.value) : '—'}`;
}

function runPickItem(record: RunRecord): vscode.QuickPickItem & { runId: string } {
  return {
    label: record.data.runId,
    description: runHeadline(record),
    detail: record.summary,
    runId: record.data.runId,
  };
}

function noRuns(): undefined {
  void vscode.window
    .showInformationMessage('ML Lifecycle: no training run yet.', 'Train Models')
    .then((choice) => choice && vscode.commands.executeCommand(COMMANDS.trainModels));
  return undefined;
}

async function pickRun(services: Services, title: string): Promise<RunRecord | undefined> {
  const runs = runsOf(services);
  if (runs.length === 0) return noRuns();
  if (runs.length === 1) return runs[0];
  const picked = await vscode.window.showQuickPick(runs.map(runPickItem), {
    title,
    placeHolder: 'Newest first',
    matchOnDescription: true,
  });
  return picked && runs.find((r) => r.data.runId === picked.runId);
}

/** `predicting`: external models kept with their predict command count too (they predict, but are not evaluated here). */
async function pickModel(record: RunRecord, title: string, predicting = false): Promise<RunModelResult | undefined> {
  const usable = record.data.models.filter((m) => !m.error && (m.artifact || (predicting && m.externalModel)));
  if (usable.length === 0) {
    void vscode.window.showErrorMessage(`ML Lifecycle: run ${record.data.runId} has no saved model to use.`);
    return undefined;
  }
  const best = bestModelOf(record.data);
  const ordered = [...usable].sort((a, b) => Number(b.name === best?.name) - Number(a.name === best?.name));
  const items = ordered.map((m) => {
    const value = judgedValue(m, record.data.primaryMetric);
    return {
      label: m.name,
      description: `${m.kind}${m.baseline ? ' · baseline' : ''}${m.name === best?.name ? ' · best' : ''}${value ? ` · ${record.data.primaryMetric} ${formatMetricValue(value.value)}` : ''}`,
      model: m,
    };
  });
  return (await vscode.window.showQuickPick(items, { title }))?.model;
}

/** A run named by a command argument: a run id, or a node of the Runs view. */
function runIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string' && argument !== '' && argument !== 'newest') return argument;
  const node = argument as Partial<RunsNode> | undefined;
  return node && typeof node === 'object' && node.record ? node.record.data.runId : undefined;
}

function modelNameOf(argument: unknown): string | undefined {
  const node = argument as Partial<RunsNode> | undefined;
  return node && typeof node === 'object' && node.kind === 'model' && node.model ? node.model.name : undefined;
}

/** An evaluation written by the evaluate job: its record's data is the job's result. */
async function readEvaluation(root: string, recordPath: string): Promise<EvaluateResult> {
  const file = join(root, recordPath);
  let value: { data?: EvaluateResult } | undefined;
  try {
    value = JSON.parse(await readFile(file, 'utf8')) as { data?: EvaluateResult };
  } catch (error) {
    throw new Error(
      `Cannot read the evaluation ${recordPath}: ${(error as Error).message}. Run "Evaluate Model on Dataset" again.`,
    );
  }
  if (!value?.data?.evaluation)
    throw new Error(`${recordPath} is not an evaluation record. Run "Evaluate Model on Dataset" again.`);
  return value.data;
}

async function evaluationReportOf(
  project: Project,
  runId: string,
  options: { focusModel?: string; evaluated?: EvaluateResult; explained?: string } = {},
): Promise<EvaluationReport> {
  const record = await readRunRecord(project.root, runId);
  const report = buildEvaluationReport({ record, project: project.summary, evaluated: options.evaluated });
  if (options.focusModel) {
    if (!record.data.models.some((m) => m.name === options.focusModel))
      throw new Error(`Run ${runId} has no model "${options.focusModel}".`);
    report.focusModel = options.focusModel;
  }
  const explained = options.focusModel ?? options.explained ?? options.evaluated?.model ?? record.data.bestModel;
  const { explanation, explainedModels } = await explanationsOfRun(project.root, runId, explained);
  report.explanationFor = explained;
  if (explanation) report.explanation = explanation;
  if (explainedModels.length > 0) report.explainedModels = explainedModels;
  return report;
}

/** One line on the outcome; the report is already open beside the editor, so no button to open it. */
function notifyTrained(result: TrainResult): void {
  const run = result.run;
  const best = bestModelOf(run);
  const value = best && judgedValue(best, run.primaryMetric);
  const headline = `Run ${run.runId}: best ${best?.name ?? '—'} ${run.primaryMetric} ${value ? formatMetricValue(value.value) : '—'}`;
  const outcome = result.outcome ?? 'pass';
  const text = outcome === 'fail' ? `${headline}. ${run.failures?.[0] ?? 'The run fails its checks.'}` : `${headline}.`;
  const show = outcome === 'fail' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(`ML Lifecycle: ${text}`);
}

export function registerModelCommands(services: Services, runsTree: RunsTree): vscode.Disposable[] {
  const { context, log } = services;

  const recomputeEvaluation: EvaluationRecompute = async (shown) => {
    const project = await currentProject(services);
    if (!project) throw new Error('Open a valid ML project (mlcycle.yaml) first.');
    const runId = shown?.run.runId ?? runsOf(services)[0]?.data.runId;
    if (!runId) throw new Error('No training run yet: run "ML Lifecycle: Train Models".');
    const evaluated = shown?.evaluatedOn ? await readEvaluation(project.root, shown.evaluatedOn.recordPath) : undefined;
    const explained = shown?.run.runId === runId ? shown.explanationFor : undefined;
    return evaluationReportOf(project, runId, { evaluated, ...(explained ? { explained } : {}) });
  };

  const recomputeCompare: CompareRecompute = async (shown) => {
    const project = await currentProject(services);
    if (!project) throw new Error('Open a valid ML project (mlcycle.yaml) first.');
    if (!shown)
      throw new Error('No runs are compared: select two runs in the Runs view and run "Compare Selected Runs".');
    const records = await Promise.all(shown.runs.map((r) => readRunRecord(project.root, r.runId)));
    return buildCompareReport(records, project.summary);
  };

  async function showEvaluation(
    project: Project,
    runId: string,
    options: { focusModel?: string; evaluated?: EvaluateResult } = {},
  ): Promise<EvaluationReport | undefined> {
    try {
      const report = await evaluationReportOf(project, runId, options);
      EvaluationPanel.show(context, report, recomputeEvaluation, log);
      return report;
    } catch (error) {
      void vscode.window.showErrorMessage(`ML Lifecycle: ${(error as Error).message}`);
      return undefined;
    }
  }

  async function trainModels(argument?: unknown): Promise<TrainResult | undefined> {
    const project = await currentProject(services);
    if (!project) return undefined;
    const named =
      argument instanceof vscode.Uri
        ? argument.fsPath
        : typeof argument === 'string' && argument !== ''
          ? argument
          : undefined;
    const spec = named && isAbsolute(named) ? relative(project.root, named).split('\\').join('/') : named;
    const shown = spec ?? project.project.documents.pipeline;
    if (!(await exists(resolve(project.root, shown)))) {
      const choice = await vscode.window.showErrorMessage(
        `ML Lifecycle: there is no pipeline spec at ${shown}${spec ? '' : ' (mlcycle.yaml documents.pipeline)'}: write one to say what to train (schema schemas/pipeline.schema.json).`,
        'How to do this',
      );
      if (choice) await vscode.commands.executeCommand(COMMANDS.showItemHelp, 'model.baseline');
      return undefined;
    }
    const result = await services.jobs.run({
      title: `Training models (${shown})`,
      job: 'train',
      params: { root: project.root, ...(spec ? { spec } : {}) },
    });
    if (!result) return undefined;
    await services.model.refresh();
    runsTree.refresh();
    await showEvaluation(project, result.runId);
    notifyTrained(result);
    return result;
  }

  async function openEvaluationReport(argument?: unknown, model?: unknown): Promise<EvaluationReport | undefined> {
    const project = await currentProject(services);
    if (!project) return undefined;
    let runId = runIdOf(argument);
    if (!runId) {
      const runs = runsOf(services);
      if (runs.length === 0) return noRuns();
      runId =
        argument === 'newest'
          ? runs[0].data.runId
          : (await pickRun(services, 'Open the evaluation report of a run'))?.data.runId;
    }
    if (!runId) return undefined;
    return showEvaluation(project, runId, { focusModel: typeof model === 'string' ? model : modelNameOf(argument) });
  }

  async function compare(runIds: readonly string[]): Promise<CompareReport | undefined> {
    const project = await currentProject(services);
    if (!project) return undefined;
    try {
      const records = await Promise.all(runIds.map((id) => readRunRecord(project.root, id)));
      const report = buildCompareReport(records, project.summary);
      ComparePanel.show(context, report, recomputeCompare, log);
      return report;
    } catch (error) {
      void vscode.window.showErrorMessage(`ML Lifecycle: ${(error as Error).message}`);
      return undefined;
    }
  }

  async function compareRuns(argument?: unknown): Promise<CompareReport | undefined> {
    if (Array.isArray(argument) && argument.every((a) => typeof a === 'string')) return compare(argument as string[]);
    const runs = runsOf(services);
    if (runs.length < 2) {
      void vscode.window.showInformationMessage(
        `ML Lifecycle: comparing needs two runs; the project has ${runs.length}. Train again (for example with other models or parameters) to compare.`,
      );
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      runs.map((r) => ({ ...runPickItem(r), picked: runsTree.checked.has(r.data.runId) })),
      {
        title: 'Compare runs',
        placeHolder: 'Select two or more runs',
        canPickMany: true,
        matchOnDescription: true,
      },
    );
    if (!picked) return undefined;
    if (picked.length < 2) {
      void vscode.window.showInformationMessage('ML Lifecycle: select at least two runs to compare.');
      return undefined;
    }
    return compare(picked.map((p) => p.runId));
  }

  async function compareSelectedRuns(): Promise<CompareReport | undefined> {
    const selected = runsOf(services)
      .map((r) => r.data.runId)
      .filter((id) => runsTree.checked.has(id));
    if (selected.length < 2) {
      void vscode.window.showInformationMessage(
        `ML Lifecycle: tick at least two runs in the Runs view to compare them (${selected.length} ticked).`,
      );
      return undefined;
    }
    return compare(selected);
  }

  async function evaluateModel(argument?: unknown): Promise<EvaluationReport | undefined> {
    const project = await currentProject(services);
    if (!project) return undefined;
    const given = (argument && typeof argument === 'object' && !('kind' in argument) ? argument : {}) as {
      run?: string;
      model?: string;
      data?: string;
    };
    const runId =
      given.run ?? runIdOf(argument) ?? (await pickRun(services, 'Evaluate a model of which run?'))?.data.runId;
    if (!runId) return undefined;
    let modelName = given.model ?? modelNameOf(argument);
    if (!modelName) {
      const record = await readRunRecord(project.root, runId).catch(
        (error: Error) => void vscode.window.showErrorMessage(`ML Lifecycle: ${error.message}`),
      );
      if (!record) return undefined;
      modelName = (await pickModel(record, `Evaluate which model of run ${runId}?`))?.name;
      if (!modelName) return undefined;
    }
    let data = given.data;
    if (!data) {
      const files = await vscode.window.showOpenDialog({
        title: `Evaluate ${modelName} on a labelled file (it must have the target column ${project.project.target})`,
        openLabel: 'Evaluate',
        canSelectMany: false,
        filters: DATA_FILTERS,
        defaultUri: vscode.Uri.file(join(project.root, dirname(project.project.datasets.train))),
      });
      if (!files?.[0]) return undefined;
      data = files[0].fsPath;
    }
    const dataPath = isAbsolute(data) ? relative(project.root, data).split('\\').join('/') : data;
    const result = await services.jobs.run({
      title: `Evaluating ${modelName} on ${basename(dataPath)}`,
      job: 'evaluate',
      params: { root: project.root, run: runId, model: modelName, data: dataPath },
    });
    if (!result) return undefined;
    return showEvaluation(project, result.runId, { evaluated: result });
  }

  async function predictWithModel(argument?: unknown): Promise<string | undefined> {
    const project = await currentProject(services);
    if (!project) return undefined;
    const given = (argument && typeof argument === 'object' && !('kind' in argument) ? argument : {}) as {
      model?: string;
      data?: string;
      out?: string;
    };
    let model = given.model;
    if (!model) {
      const runId = runIdOf(argument) ?? (await pickRun(services, 'Predict with a model of which run?'))?.data.runId;
      if (!runId) return undefined;
      let name = modelNameOf(argument);
      if (!name) {
        const record = await readRunRecord(project.root, runId).catch(
          (error: Error) => void vscode.window.showErrorMessage(`ML Lifecycle: ${error.message}`),
        );
        if (!record) return undefined;
        name = (await pickModel(record, `Predict with which model of run ${runId}?`, true))?.name;
        if (!name) return undefined;
      }
      model = `${runId}/${name}`;
    }
    let data = given.data;
    if (!data) {
      const files = await vscode.window.showOpenDialog({
        title: 'Predict for which file?',
        openLabel: 'Predict',
        canSelectMany: false,
        filters: DATA_FILTERS,
        defaultUri: vscode.Uri.file(join(project.root, dirname(project.project.datasets.train))),
      });
      if (!files?.[0]) return undefined;
      data = files[0].fsPath;
    }
    const absoluteData = resolve(project.root, data);
    let out = given.out;
    if (!out) {
      const target = await vscode.window.showSaveDialog({
        title: 'Write the predictions to',
        saveLabel: 'Write predictions',
        filters: { CSV: ['csv'] },
        defaultUri: vscode.Uri.file(
          join(dirname(absoluteData), `${basename(absoluteData, extname(absoluteData))}-predictions.csv`),
        ),
      });
      if (!target) return undefined;
      out = target.fsPath;
    }
    const rel = (p: string) => (isAbsolute(p) ? relative(project.root, p).split('\\').join('/') : p);
    const result = await services.jobs.run({
      title: `Predicting ${basename(absoluteData)} with ${model}`,
      job: 'predict',
      params: { root: project.root, model, data: rel(data), out: rel(out) },
    });
    if (!result) return undefined;
    const written = resolve(project.root, result.out);
    void vscode.window
      .showInformationMessage(
        `ML Lifecycle: ${result.rows} predictions of ${result.model} (run ${result.runId}) written to ${rel(written)}.`,
        'Open',
      )
      .then((choice) => choice && vscode.window.showTextDocument(vscode.Uri.file(written)));
    return written;
  }

  return [
    vscode.commands.registerCommand(COMMANDS.trainModels, trainModels),
    vscode.commands.registerCommand(COMMANDS.openEvaluationReport, openEvaluationReport),
    vscode.commands.registerCommand(COMMANDS.compareRuns, compareRuns),
    vscode.commands.registerCommand(COMMANDS.compareSelectedRuns, compareSelectedRuns),
    vscode.commands.registerCommand(COMMANDS.evaluateModel, evaluateModel),
    vscode.commands.registerCommand(COMMANDS.predictWithModel, predictWithModel),
    vscode.commands.registerCommand(COMMANDS.refreshRuns, async () => {
      await services.model.refresh();
      runsTree.refresh();
    }),
    EvaluationPanel.registerSerializer(context, recomputeEvaluation, log),
    ComparePanel.registerSerializer(context, recomputeCompare, log),
  ];
}
