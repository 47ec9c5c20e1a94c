// The EDA report in a real VS Code on the penguins workspace: "Profile Dataset" run as the
// sidebar runs it (a role), the profile recorded under .mlcycle/profiles/, the report opened
// beside the editor and drawn by its webview with no CSP problem; run again on the unchanged
// file it comes from the cache; run from the explorer (a Uri) it profiles that file, and
// Refresh profiles the file on screen again. Every file the suite creates is removed at the end.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RecordEnvelope } from '../../src/core/records';
import type { DatasetProfile } from '../../src/core/profile/profileTypes';
import { COMMANDS } from '../../src/protocol/commands';
import type { ProfileReport, WebviewToHost } from '../../src/protocol/webview';
import { activeApi, waitFor, workspaceRoot } from './helpers';

type Api = Awaited<ReturnType<typeof activeApi>>;
type Panel = NonNullable<ReturnType<Api['profilePanel']>>;

function nextMessage(panel: Panel, type: WebviewToHost['type'], ms = 60_000): Promise<WebviewToHost> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no "${type}" from the profile webview within ${ms} ms`));
    }, ms);
    const sub = panel.onDidReceiveMessage((m) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(m);
    });
  });
}

suite('EDA profile report', () => {
  let root: string;
  const created = ['.mlcycle/profiles/train.json', '.mlcycle/profiles/holdout.json'];
  const preexisting = new Set<string>();

  suiteSetup(async () => {
    root = workspaceRoot();
    for (const path of created) if (existsSync(join(root, path))) preexisting.add(path);
    const api = await activeApi();
    await waitFor('the project state', () => api.services.model.snapshot);
  });

  suiteTeardown(async () => {
    (await activeApi()).profilePanel()?.dispose();
    for (const path of created) if (!preexisting.has(path)) rmSync(join(root, path), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await (await activeApi()).services.model.refresh();
  });

  test('profiles the train dataset, records it, and draws the report beside the editor', async () => {
    const api = await activeApi();
    // An editor in the first column: the report must open beside it, not over it.
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(join(root, 'mlcycle.yaml')), {
      viewColumn: vscode.ViewColumn.One,
    });
    const started = performance.now();
    const report = await vscode.commands.executeCommand<ProfileReport | undefined>(COMMANDS.profileDataset, 'train');
    assert.ok(report, 'the command returns the report it shows');
    const panel = await waitFor('the profile panel', () => api.profilePanel());
    const drawn = (await nextMessage(panel, 'rendered')) as Extract<WebviewToHost, { type: 'rendered' }>;
    console.log(`[measure] profile report drawn ${(performance.now() - started).toFixed(0)} ms after the command`);

    assert.equal(report.kind, 'profile');
    assert.equal(report.role, 'train');
    assert.equal(report.profile.rows, 241);
    assert.equal(report.profile.source.path, 'data/train.csv');
    const species = report.profile.columns.find((c) => c.name === 'Species');
    assert.equal(species?.type, 'categorical');
    assert.deepEqual(species?.text?.top.map((v) => v.value).sort(), ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.equal(report.profile.target?.column, 'Species');
    assert.ok(
      report.profile.alerts.some((a) => a.type === 'missing' && a.column === 'Sex'),
      'the missing values of Sex are an alert',
    );

    assert.equal(drawn.generatedAt, report.generatedAt);
    assert.equal(panel.currentReport?.generatedAt, report.generatedAt);
    assert.ok(drawn.charts >= 1, `the page drew ${drawn.charts} charts`);
    assert.deepEqual(panel.problems, [], 'the page reported CSP violations or drawing errors');
    // Beside the editor: the editor keeps its column.
    assert.equal(editor.viewColumn, vscode.ViewColumn.One);

    const record = JSON.parse(
      readFileSync(join(root, '.mlcycle/profiles/train.json'), 'utf8'),
    ) as RecordEnvelope<DatasetProfile>;
    assert.equal(record.kind, 'profile');
    assert.equal(record.inputs[0].path, 'data/train.csv');
    assert.equal(
      record.inputs[0].sha256,
      createHash('sha256')
        .update(readFileSync(join(root, 'data/train.csv')))
        .digest('hex'),
    );
    assert.equal(record.data.rows, 241);
  });

  test('comes from the cache when the file is unchanged, and updates the open panel', async () => {
    const api = await activeApi();
    const panel = api.profilePanel();
    assert.ok(panel);
    const redrawn = nextMessage(panel, 'rendered');
    const started = performance.now();
    const again = await vscode.commands.executeCommand<ProfileReport | undefined>(COMMANDS.profileDataset, 'train');
    console.log(`[measure] cached profile returned in ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(again?.cached, true);
    assert.equal(again?.profile.rows, 241);
    await redrawn;
    assert.equal(api.profilePanel(), panel, 'one profile panel, reused');
  });

  test('profiles a file chosen in the explorer (a Uri) under its role', async () => {
    const api = await activeApi();
    const panel = api.profilePanel();
    assert.ok(panel);
    const holdout = join(root, 'data/holdout.csv');
    const rows = readFileSync(holdout, 'utf8').trim().split('\n').length - 1;
    const redrawn = nextMessage(panel, 'rendered');
    const report = await vscode.commands.executeCommand<ProfileReport | undefined>(
      COMMANDS.profileDataset,
      vscode.Uri.file(holdout),
    );
    assert.equal(report?.role, 'holdout');
    assert.equal(report?.profile.rows, rows);
    assert.equal(report?.profile.target?.column, 'Species');
    const drawn = (await redrawn) as Extract<WebviewToHost, { type: 'rendered' }>;
    assert.equal(drawn.generatedAt, report?.generatedAt);
    assert.ok(existsSync(join(root, '.mlcycle/profiles/holdout.json')));

    // Refresh (the page's button) profiles the file on screen again: unchanged, so from the cache.
    const refreshed = nextMessage(panel, 'rendered');
    await panel.refresh();
    await refreshed;
    assert.equal(panel.currentReport?.role, 'holdout');
    assert.equal(panel.currentReport?.cached, true);
    assert.deepEqual(panel.problems, []);
  });
});
