// The model phase in a real VS Code on the penguins workspace: "Train Models" trains the
// pipeline spec in the worker, records the run, opens its evaluation report (drawn by its
// webview with no CSP problem) and the sidebar's model items follow the record; the Runs view
// lists the run with its models; a second run is compared with the first through the view's
// checkboxes; a model is evaluated on another labelled file and used to predict. Every file
// the suite creates is removed at the end.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { verifyPackage } from '../../src/core/deploy/packageManifest';
import type { PackageResult } from '../../src/core/deploy/packageTypes';
import type { ExplainResult } from '../../src/core/explain/explainTypes';
import type { TrainResult } from '../../src/core/model/train/trainTypes';
import { compareWithBaseline } from '../../src/core/lifecycle/runSummary';
import { COMMANDS } from '../../src/protocol/commands';
import type { CompareReport, EvaluationReport, PredictionReport, WebviewToHost } from '../../src/protocol/webview';
import { activeApi, waitFor, workspaceRoot } from './helpers';

type Api = Awaited<ReturnType<typeof activeApi>>;

interface MessageSource {
  onDidReceiveMessage: vscode.Event<WebviewToHost>;
  currentReport?: { generatedAt: string };
}

/**
 * Refreshes a panel (the page's Refresh button: the record is read again) and resolves at the
 * page's `rendered` of the new report: the first drawing may be over before a test can listen.
 */
async function drawnAfterRefresh(
  panel: MessageSource & { refresh(): Promise<void> },
): Promise<Extract<WebviewToHost, { type: 'rendered' }>> {
  const rendered = new Promise<Extract<WebviewToHost, { type: 'rendered' }>>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('no "rendered" within 60 s of a refresh'));
    }, 60_000);
    const sub = panel.onDidReceiveMessage((m) => {
      if (m.type !== 'rendered' || m.generatedAt !== panel.currentReport?.generatedAt) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(m);
    });
  });
  await panel.refresh();
  return rendered;
}

function modelItem(api: Api, id: string) {
  return api.services.model.snapshot?.phases.flatMap((p) => p.items).find((i) => i.id === id);
}

suite('Model phase: training, evaluation report, runs', () => {
  let root: string;
  const runIds: string[] = [];
  const created = ['predictions-current.csv'];
  const createdRecords: string[] = [];

  suiteSetup(async () => {
    root = workspaceRoot();
    const api = await activeApi();
    await waitFor('the project state', () => api.services.model.snapshot);
    assert.ok(existsSync(join(root, 'pipeline.yaml')), 'the penguins example has a pipeline spec');
  });

  suiteTeardown(async () => {
    const api = await activeApi();
    api.evaluationPanel()?.dispose();
    api.comparePanel()?.dispose();
    for (const id of runIds) {
      rmSync(join(root, '.mlcycle/runs', `${id}.json`), { force: true });
      rmSync(join(root, '.mlcycle/runs', id), { recursive: true, force: true });
    }
    for (const path of created) rmSync(join(root, path), { force: true });
    for (const path of createdRecords) rmSync(path, { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.services.model.refresh();
  });

  test('Train Models records a run, opens its evaluation report, and the sidebar follows the record', async () => {
    const api = await activeApi();
    assert.equal(modelItem(api, 'model.baseline')?.status, 'missing', 'no run yet');
    assert.equal(
      modelItem(api, 'model.baseline')?.action.command,
      COMMANDS.trainModels,
      'with no run, the item trains',
    );
    const started = performance.now();
    const result = await vscode.commands.executeCommand<TrainResult | undefined>(COMMANDS.trainModels);
    assert.ok(result, 'the command returns the job result');
    runIds.push(result.runId);
    console.log(`[measure] Train Models on penguins: ${(performance.now() - started).toFixed(0)} ms`);
    assert.ok(existsSync(join(root, result.recordPath)), `${result.recordPath} written`);
    assert.ok(
      result.run.models.some((m) => m.baseline),
      'a baseline is trained',
    );
    assert.equal(result.run.task, 'classification');

    const panel = await waitFor('the evaluation panel', () => api.evaluationPanel());
    assert.equal(panel.currentReport?.run.runId, result.runId);
    const drawn = await drawnAfterRefresh(panel);
    const report = panel.currentReport;
    assert.ok(report);
    assert.ok(drawn && drawn.charts >= 5, `the page drew ${drawn?.charts} charts`);
    assert.deepEqual(panel.problems, [], 'the page reported CSP violations or drawing errors');
    assert.equal(report.run.models.length, result.run.models.length);

    // The sidebar's items derive from the record, as the lifecycle reads it.
    await waitFor('the model items to update', () => modelItem(api, 'model.baseline')?.status === 'passing');
    const comparison = compareWithBaseline(result.run);
    assert.ok(comparison);
    assert.equal(modelItem(api, 'model.beatsBaseline')?.status, comparison.beats ? 'passing' : 'failing');
    assert.equal(modelItem(api, 'model.crossValidation')?.status, 'passing');
    assert.equal(modelItem(api, 'model.holdout')?.status, 'passing');
    assert.equal(
      modelItem(api, 'model.baseline')?.action.command,
      COMMANDS.openEvaluationReport,
      'with a run, the item opens its report',
    );

    // The Runs view lists it with its models.
    const runs = await waitFor('the Runs view to list the run', () =>
      api.runsTree.getChildren().find((n) => n.kind === 'run' && n.record.name === result.runId),
    );
    const models = api.runsTree.getChildren(runs);
    assert.deepEqual(
      models.map((m) => (m.kind === 'model' ? m.model.name : '')),
      result.run.models.map((m) => m.name),
    );
    const item = api.runsTree.getTreeItem(runs);
    assert.equal(item.label, result.runId);
    assert.match(String(item.description), new RegExp(`${result.run.bestModel} ${result.run.primaryMetric}`));
  });

  test('the Runs view compares two ticked runs side by side', async () => {
    const api = await activeApi();
    const second = await vscode.commands.executeCommand<TrainResult | undefined>(COMMANDS.trainModels);
    assert.ok(second);
    runIds.push(second.runId);
    const nodes = await waitFor('both runs listed', () => {
      const list = api.runsTree.getChildren().filter((n) => n.kind === 'run' && runIds.includes(n.record.name));
      return list.length === 2 ? list : undefined;
    });
    assert.equal(nodes[0].kind === 'run' && nodes[0].record.name, second.runId, 'newest first');
    api.runsTree.setChecked(nodes.map((n) => [n, vscode.TreeItemCheckboxState.Checked] as const));
    const report = await vscode.commands.executeCommand<CompareReport | undefined>(COMMANDS.compareSelectedRuns);
    assert.ok(report);
    assert.deepEqual(
      report.runs.map((r) => r.runId),
      [...runIds],
      'oldest first',
    );
    const panel = await waitFor('the compare panel', () => api.comparePanel());
    assert.equal(panel.currentReport?.generatedAt, report.generatedAt);
    assert.ok((await drawnAfterRefresh(panel)).charts >= 2, 'ROC and PR of both runs');
    assert.deepEqual(panel.problems, []);
    // Same spec, same seed, same data: the runs are reproducible, metric for metric.
    assert.deepEqual(
      report.runs[0].models.map((m) => m.metrics),
      report.runs[1].models.map((m) => m.metrics),
    );
  });

  test('evaluates a model on another labelled file and predicts with it', async () => {
    const api = await activeApi();
    const runId = runIds[0];
    const report = await vscode.commands.executeCommand<EvaluationReport | undefined>(COMMANDS.evaluateModel, {
      run: runId,
      model: 'logistic',
      data: 'data/holdout.csv',
    });
    assert.ok(report?.evaluatedOn, 'the report shows the evaluation');
    assert.equal(report.evaluatedOn.model, 'logistic');
    assert.ok(existsSync(join(root, report.evaluatedOn.recordPath)), 'the evaluation is recorded');
    const panel = await waitFor('the evaluation panel', () => api.evaluationPanel());
    await waitFor('the evaluated report on screen', () => panel.currentReport?.evaluatedOn?.model === 'logistic');
    assert.deepEqual(panel.problems, []);

    const out = await vscode.commands.executeCommand<string | undefined>(COMMANDS.predictWithModel, {
      model: runId,
      data: 'data/current.csv',
      out: created[0],
    });
    assert.ok(out && existsSync(out));
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const inputRows = readFileSync(join(root, 'data/current.csv'), 'utf8').trim().split('\n').length - 1;
    assert.equal(lines.length - 1, inputRows, 'one prediction per input row');
    assert.ok(readdirSync(join(root, '.mlcycle/runs')).includes(`${runId}.json`));
  });

  test("Explain Model explains the newest run's best model on the holdout and the sidebar's item passes", async () => {
    const api = await activeApi();
    const result = await vscode.commands.executeCommand<ExplainResult | undefined>(COMMANDS.explainModel);
    assert.ok(result, 'the explain job ran');
    assert.equal(result.runId, runIds[runIds.length - 1]);
    assert.ok(result.additivityError <= 1e-9);
    assert.ok(result.global.length > 0 && result.columns.includes('Island'));
    const record = join(root, '.mlcycle/explanations', `${result.runId}--${result.model}--holdout.json`);
    assert.ok(existsSync(record));
    createdRecords.push(record);
    const item = await waitFor('the Model explained item passing', () => {
      const i = modelItem(api, 'model.explainability');
      return i?.status === 'passing' ? i : undefined;
    });
    assert.match(item.detail, new RegExp(`of run ${result.runId}`));
  });

  test("Package Model packages the newest run's best model: folder, archive, signature, checksummed manifest", async () => {
    const result = await vscode.commands.executeCommand<PackageResult | undefined>(COMMANDS.packageModel);
    assert.ok(result, 'the package job ran');
    assert.equal(result.runId, runIds[runIds.length - 1]);
    assert.ok(existsSync(join(root, result.archive)));
    const manifest = JSON.parse(readFileSync(join(root, result.dir, 'mlcycle-package.json'), 'utf8')) as {
      model: string;
    };
    assert.equal(manifest.model, result.model);
    assert.ok(result.signature.inputs.some((i) => i.name === 'Island'));
    assert.deepEqual(await verifyPackage(join(root, result.dir)), {
      ok: true,
      altered: [],
      missing: [],
      unexpected: [],
    });
    rmSync(join(root, '.mlcycle/packages'), { recursive: true, force: true });
  });

  test('Explain Prediction explains the row under the cursor of the holdout file, in its own panel, and writes no record', async () => {
    const api = await activeApi();
    const records = readdirSync(join(root, '.mlcycle/explanations'));
    const document = await vscode.workspace.openTextDocument(join(root, 'data/holdout.csv'));
    const editor = await vscode.window.showTextDocument(document);
    // Line 6 of the file (index 5) is row 4: the header is line 1.
    editor.selection = new vscode.Selection(5, 0, 5, 0);
    const report = await vscode.commands.executeCommand<PredictionReport | undefined>(COMMANDS.explainPrediction);
    assert.ok(report, 'the row was explained');
    assert.equal(report.row.row, 4);
    assert.equal(report.row.line, 6);
    assert.equal(report.data, 'data/holdout.csv');
    assert.equal(report.row.actual, document.lineAt(5).text.split(',')[0]);
    const sum = (k: number) => report.base[k] + report.row.columns.reduce((s, c) => s + c.contributions[k], 0);
    report.row.output.forEach((o, k) => assert.ok(Math.abs(sum(k) - o) < 1e-4));
    const panel = await waitFor('the prediction panel', () => api.predictionPanel());
    assert.equal(panel.currentReport?.row.row, 4);
    const drawn = await drawnAfterRefresh(panel);
    assert.ok(drawn.charts >= 1, 'the waterfall is drawn');
    assert.deepEqual(panel.problems, []);
    assert.deepEqual(readdirSync(join(root, '.mlcycle/explanations')), records, 'an ad-hoc look writes no record');
  });
});
