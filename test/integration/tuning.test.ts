// Tuning in a real VS Code on the penguins workspace: "Tune Hyperparameters" runs the sample
// study in the worker, the sidebar's item then offers to promote it; "Promote Best Trial"
// writes the trial into pipeline.yaml as an edit of the open document (undo restores the
// file's text), trains it as a run, and the item passes. Every file the suite creates is
// removed and pipeline.yaml restored at the end.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TuneResult } from '../../src/core/tuning/tuneJob';
import { COMMANDS } from '../../src/protocol/commands';
import type { PromoteOutcome } from '../../src/extension/commands/promoteCommand';
import { activeApi, waitFor, workspaceRoot } from './helpers';

type Api = Awaited<ReturnType<typeof activeApi>>;

const tuningItem = (api: Api) =>
  api.services.model.snapshot?.phases.flatMap((p) => p.items).find((i) => i.id === 'model.tuning');

suite('Tuning: study, promote', () => {
  let root: string;
  let original: string;
  const studies: string[] = [];
  const runs: string[] = [];

  suiteSetup(async () => {
    root = workspaceRoot();
    original = readFileSync(join(root, 'pipeline.yaml'), 'utf8');
    const api = await activeApi();
    await waitFor('the project state', () => api.services.model.snapshot);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    writeFileSync(join(root, 'pipeline.yaml'), original);
    for (const id of studies) {
      rmSync(join(root, '.mlcycle/studies', id), { recursive: true, force: true });
      rmSync(join(root, '.mlcycle/studies', `${id}.json`), { force: true });
    }
    for (const id of runs) {
      rmSync(join(root, '.mlcycle/runs', `${id}.json`), { force: true });
      rmSync(join(root, '.mlcycle/runs', id), { recursive: true, force: true });
    }
    await (await activeApi()).services.model.refresh();
  });

  test('Tune Hyperparameters, then Promote Best Trial: an undoable spec edit and a run; the item passes', async () => {
    const api = await activeApi();
    const study = await vscode.commands.executeCommand<TuneResult | undefined>(COMMANDS.tuneHyperparameters);
    assert.ok(study, 'the tune command returns the study');
    studies.push(study.studyId);
    assert.ok(study.beatBaseline && study.best, 'the sample study beats the baseline');
    await waitFor('the item to offer promotion', () => tuningItem(api)?.action.command === COMMANDS.promoteTrial);
    assert.equal(tuningItem(api)?.status, 'missing');
    assert.deepEqual(tuningItem(api)?.action.args, [study.studyId]);

    const outcome = await vscode.commands.executeCommand<PromoteOutcome | undefined>(
      COMMANDS.promoteTrial,
      study.studyId,
    );
    assert.ok(outcome?.runId, 'the promotion trains a run');
    runs.push(outcome.runId);
    assert.equal(outcome.plan.trial.number, study.best.number);
    const onDisk = readFileSync(join(root, 'pipeline.yaml'), 'utf8');
    assert.equal(onDisk, outcome.plan.after, 'the edit is saved');
    assert.notEqual(onDisk, original);
    await waitFor('the item to pass', () => tuningItem(api)?.status === 'passing');
    assert.match(tuningItem(api)!.detail, new RegExp(`promoted: ${outcome.plan.model} in run ${outcome.runId}`));

    // The edit is the document's own: undo gives back the text the user had.
    const document = await vscode.workspace.openTextDocument(join(root, 'pipeline.yaml'));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
    await document.save();
  });
});
