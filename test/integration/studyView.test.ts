// The tuning study view in a real VS Code on the penguins workspace: a small study (logistic
// regression, 4 trials) tuned in the worker, "Open Tuning Study" shows it (drawn under the
// strict policy with no problem reported), extending it from the view's message runs 2 more
// trials while the page follows (updates with only the changed rows reach it, and the page
// says it drew the latest), and Promote from the view's message trains the trial, which the
// view then names. Conditions are waited for, never slept on. Everything created is removed.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TuneResult } from '../../src/core/tuning/tuneJob';
import { COMMANDS } from '../../src/protocol/commands';
import type { WebviewToHost } from '../../src/protocol/webview';
import { activeApi, waitFor, workspaceRoot } from './helpers';

const SMALL_STUDY = `# A small study for the study view's test.
version: 1
spec: pipeline.yaml
objective: { metric: log_loss }
sampler: { kind: tpe, seed: 3 }
pruner: { kind: none }
budget: { trials: 4 }
space:
  model: [logistic]
  logistic:
    C: { low: 0.01, high: 10, log: true }
`;

suite('Tuning study view', () => {
  let root: string;
  let original: string;
  const studies: string[] = [];
  const runs: string[] = [];

  suiteSetup(async () => {
    root = workspaceRoot();
    original = readFileSync(join(root, 'pipeline.yaml'), 'utf8');
    writeFileSync(join(root, 'tuning-view-test.yaml'), SMALL_STUDY);
    const api = await activeApi();
    await waitFor('the project state', () => api.services.model.snapshot);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    writeFileSync(join(root, 'pipeline.yaml'), original);
    rmSync(join(root, 'tuning-view-test.yaml'), { force: true });
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

  test('opens a study, follows it while trials finish, and promotes from the view', async function () {
    this.timeout(600_000);
    const api = await activeApi();
    const study = await vscode.commands.executeCommand<TuneResult | undefined>(
      COMMANDS.tuneHyperparameters,
      'tuning-view-test.yaml',
    );
    assert.ok(study, 'the tune command returns the study');
    studies.push(study.studyId);
    assert.equal(study.trials.length, 4);

    const rendered: Array<Extract<WebviewToHost, { type: 'rendered' }>> = [];
    await vscode.commands.executeCommand(COMMANDS.openStudy, study.studyId);
    const panel = await waitFor('the study panel', () => api.studyPanel());
    const sub = panel.onDidReceiveMessage((m) => {
      if (m.type === 'rendered') rendered.push(m);
    });
    try {
      const drawnNow = () => rendered.some((m) => m.generatedAt === panel.currentReport?.generatedAt);
      await waitFor('the study drawn', drawnNow, 60_000);
      const first = panel.currentReport!;
      assert.equal(first.summary.studyId, study.studyId);
      assert.equal(first.rows.length, 4);
      assert.equal(first.summary.importance.method, 'PED-ANOVA');
      assert.ok(rendered.at(-1)!.charts >= 6, `${rendered.at(-1)!.charts} charts drawn`);
      assert.equal(api.studyFollowing()?.inThread, true, 'the feed runs in its worker thread');

      // Extend by 2 trials as the view's Extend button asks; the page follows the new trials.
      const updatesBefore = api.studyFollowing()!.updates;
      const extending = panel.receive({
        type: 'command',
        command: COMMANDS.tuneHyperparameters,
        args: [{ resume: study.studyId, trials: 2 }],
      });
      await waitFor(
        'the page to draw the 6 finished trials',
        () =>
          panel.currentReport!.rows.filter((r) => r.state !== 'running').length === 6 &&
          !panel.currentReport!.status.running &&
          drawnNow(),
        240_000,
      );
      await extending;
      assert.ok(api.studyFollowing()!.updates > updatesBefore, 'updates reached the page');
      assert.equal(panel.currentReport!.summary.total, 6);

      // Promote the best trial as the view's Promote button asks (trial number given).
      const best = panel.currentReport!.summary.best!;
      assert.ok(best, 'one objective: a best trial');
      await panel.receive({ type: 'command', command: COMMANDS.promoteTrial, args: [study.studyId, best.number] });
      // The promotion showed the edited spec in the panel's place: back to the view (its page
      // reloads and gets the latest report whole).
      panel.reveal();
      await waitFor(
        'the view to name the promoted trial',
        () => panel.currentReport!.status.promoted?.trial === best.number && drawnNow(),
        240_000,
      );
      runs.push(panel.currentReport!.status.promoted!.runId);
      assert.deepEqual(panel.problems, [], 'the page reported CSP violations or drawing errors');
    } finally {
      sub.dispose();
    }
    panel.dispose();
    assert.equal(api.studyPanel(), undefined);
    assert.equal(api.studyFollowing(), undefined, 'nothing follows the study once its panel is closed');
  });
});
