// The lifecycle sidebar on the penguins example, in a real VS Code: items and statuses derived
// from files, recomputed when files change, decisions recorded, the project file's problems
// shown with their positions, and every command registered.
import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/protocol/commands';
import { activeApi, EXTENSION_ID, waitFor, workspaceRoot } from './helpers';

const itemStatus = async (id: string) => {
  const api = await activeApi();
  return api.services.model.snapshot?.phases.flatMap((p) => p.items).find((i) => i.id === id);
};

suite('Lifecycle sidebar', () => {
  test('activates on the example project and reports its activation time', async () => {
    const api = await activeApi();
    assert.ok(api.activationMs > 0);
    console.log(`[measure] activation of ${EXTENSION_ID}: ${api.activationMs.toFixed(1)} ms`);
    const snapshot = await waitFor('the project state', () => api.services.model.snapshot);
    assert.equal(snapshot.state.projectFile.project?.name, 'Penguin species');
  });

  test('shows five phases with their items and statuses derived from the files', async () => {
    const api = await activeApi();
    const tree = api.tree;
    const roots = await tree.getChildren();
    const phases = roots.filter((n) => n.kind === 'phase');
    assert.deepEqual(
      phases.map((n) => tree.getTreeItem(n).label),
      [
        'Problem definition',
        'Data collection and preparation',
        'Model development and evaluation',
        'Deployment',
        'Monitoring and maintenance',
      ],
    );
    const problemItems = tree.getChildren(phases[0]);
    const charter = problemItems.map((n) => tree.getTreeItem(n)).find((i) => i.label === 'Project charter written');
    assert.ok(charter, 'the charter item is in the first phase');
    assert.equal((charter.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    assert.equal(charter.command?.command, COMMANDS.runItemAction);
    assert.equal((await itemStatus('problem.feasibility.value'))?.status, 'missing');
    assert.equal((await itemStatus('data.versioned'))?.status, 'missing');
  });

  test('inspecting the datasets runs in the worker, records fingerprints, and staleness follows the data', async () => {
    const root = workspaceRoot();
    const recorded = await vscode.commands.executeCommand<number>(COMMANDS.inspectDatasets);
    assert.equal(recorded, 3);
    const record = JSON.parse(readFileSync(join(root, '.mlcycle/datasets/train.json'), 'utf8'));
    assert.equal(record.data.rows, 241);
    assert.equal(record.data.columns.length, 7);
    assert.match(record.inputs[0].sha256, /^[0-9a-f]{64}$/);
    await waitFor('data.versioned passing', async () => (await itemStatus('data.versioned'))?.status === 'passing');

    appendFileSync(join(root, 'data/current.csv'), 'Gentoo,Biscoe,47.5,15,218,4950,FEMALE\n');
    const stale = await waitFor('data.versioned stale after the file changed', async () => {
      const item = await itemStatus('data.versioned');
      return item?.status === 'stale' ? item : undefined;
    });
    assert.match(stale.detail, /current: .*changed since/);
  });

  test('a decision confirms a practice and is written to the decisions document', async () => {
    const root = workspaceRoot();
    const ok = await vscode.commands.executeCommand<boolean>(
      COMMANDS.confirmItem,
      'deployment.architecture',
      'Batch predictions on the field tablets, nightly',
    );
    assert.equal(ok, true);
    const text = readFileSync(join(root, 'docs/decisions.yaml'), 'utf8');
    assert.match(text, /item: deployment\.architecture/);
    assert.match(text, /note: Batch predictions on the field tablets, nightly/);
    const item = await waitFor('the confirmed item', async () => {
      const i = await itemStatus('deployment.architecture');
      return i?.status === 'passing' ? i : undefined;
    });
    assert.match(item.detail, /Confirmed/);
    assert.equal(
      await vscode.commands.executeCommand(COMMANDS.markItemNotApplicable, 'deployment.load', 'One tablet, one user'),
      true,
    );
    await waitFor('the N/A item', async () => (await itemStatus('deployment.load'))?.status === 'na');
  });

  test('an invalid project file is reported with line and column, then recovers', async () => {
    const root = workspaceRoot();
    const file = join(root, 'mlcycle.yaml');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('task: classification', 'task: clustering'));
      // From the language server, which checks mlcycle.yaml on disk while it is not open.
      const diagnostic = await waitFor('a diagnostic on mlcycle.yaml', () =>
        vscode.languages
          .getDiagnostics(vscode.Uri.file(file))
          .find((d) => /classification, regression/.test(d.message)),
      );
      assert.equal(diagnostic.source, 'ML Lifecycle');
      const line = original.split('\n').findIndex((l) => l.startsWith('task:'));
      assert.equal(diagnostic.range.start.line, line);
      assert.equal(diagnostic.range.start.character, 6);
      const task = await waitFor('problem.task failing', async () => {
        const i = await itemStatus('problem.task');
        return i?.status === 'failing' ? i : undefined;
      });
      assert.match(task.detail, new RegExp(`mlcycle.yaml:${line + 1}:7`));
    } finally {
      writeFileSync(file, original);
    }
    await waitFor('problem.task passing again', async () => (await itemStatus('problem.task'))?.status === 'passing');
    // The language server publishes the diagnostics; it re-checks on the file watcher's event.
    await waitFor(
      'no diagnostics on mlcycle.yaml',
      () => vscode.languages.getDiagnostics(vscode.Uri.file(file)).length === 0,
    );
  });

  test('Initialize Project writes a valid mlcycle.yaml in a folder that has none', async () => {
    const root = workspaceRoot();
    const folder = join(root, 'nested-project');
    mkdirSync(join(folder, 'data'), { recursive: true });
    copyFileSync(join(root, 'data/train.csv'), join(folder, 'data/train.csv'));
    const file = await vscode.commands.executeCommand<string>(COMMANDS.initProject, {
      folder,
      dataset: 'data/train.csv',
      task: 'classification',
      target: 'Species',
      name: 'Nested penguins',
    });
    assert.equal(file, join(folder, 'mlcycle.yaml'));
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^target: "Species"$/m);
    assert.match(text, /^  train: "data\/train.csv"$/m);
    assert.ok(existsSync(file));
  });

  test('every command in package.json is registered, and every registered mlcycle command is declared', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const declared = (extension.packageJSON.contributes.commands as Array<{ command: string }>)
      .map((c) => c.command)
      .sort();
    // VS Code itself registers focus / open / toggle commands for each of our views: those are not ours.
    const views = extension.packageJSON.contributes.views as Record<string, Array<{ id: string }>>;
    const viewPrefixes = Object.values(views)
      .flat()
      .map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('mlcycle.') && !viewPrefixes.some((prefix) => c.startsWith(prefix)))
      .sort();
    assert.deepEqual(registered, declared);
    assert.deepEqual(declared, Object.values(COMMANDS).sort());
  });
});
