// Data validation in a real VS Code on the penguins workspace: expectations drafted from the
// training profile (a re-draft never writes over the user's text), the training data validated (passes),
// the current data validated after a bad row is appended (fails, recorded, diagnostics on the
// expectations), and the sidebar's validation item passing, then stale when the data changes.
// Every file the suite changes or creates is restored or removed at the end.
import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ValidationResult } from '../../src/core/validation/expectationTypes';
import { parseExpectations } from '../../src/core/validation/parseExpectations';
import { COMMANDS } from '../../src/protocol/commands';
import { activeApi, waitFor, workspaceRoot } from './helpers';

const EXPECTATIONS = 'docs/expectations.yaml';
const DRAFT = 'docs/expectations.draft.yaml';

async function itemStatus(id: string): Promise<string | undefined> {
  const api = await activeApi();
  await api.services.model.refresh();
  return api.services.model.snapshot?.phases.flatMap((p) => p.items).find((i) => i.id === id)?.status;
}

suite('Data validation', () => {
  let root: string;
  const originals = new Map<string, string>();
  const created = [
    EXPECTATIONS,
    DRAFT,
    '.mlcycle/validations/train.json',
    '.mlcycle/validations/current.json',
    '.mlcycle/profiles/train.json',
  ];
  const preexisting = new Set<string>();

  suiteSetup(async () => {
    root = workspaceRoot();
    for (const path of ['data/train.csv', 'data/current.csv'])
      originals.set(path, readFileSync(join(root, path), 'utf8'));
    for (const path of created) if (existsSync(join(root, path))) preexisting.add(path);
    assert.ok(!preexisting.has(EXPECTATIONS), `${EXPECTATIONS} should not exist in the example yet`);
    const api = await activeApi();
    await waitFor('the project state', () => api.services.model.snapshot);
  });

  suiteTeardown(async () => {
    for (const [path, text] of originals) writeFileSync(join(root, path), text);
    for (const path of created) if (!preexisting.has(path)) rmSync(join(root, path), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await (await activeApi()).services.model.refresh();
  });

  test("Draft Expectations writes the project's document from the training profile, then leaves it as it is", async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(COMMANDS.draftExpectations);
    assert.ok(uri, 'the command returns the document it wrote');
    assert.equal(uri.fsPath, join(root, EXPECTATIONS));
    const text = readFileSync(uri.fsPath, 'utf8');
    const { suite, problems } = parseExpectations(text);
    assert.deepEqual(problems, [], 'the draft is a valid expectations document');
    const columns = new Set(
      suite?.checks.filter((c) => c.spec.kind === 'exists').map((c) => (c.spec as { column: string }).column),
    );
    for (const column of ['Species', 'Island', 'Beak Length (mm)', 'Body Mass (g)', 'Sex'])
      assert.ok(columns.has(column), `an entry for ${column}`);
    assert.match(text, /allowed: \["Adelie", "Gentoo", "Chinstrap"\]|allowed: \[("[A-Za-z]+", ){2}"[A-Za-z]+"\]/);
    await waitFor('the draft open in an editor', () =>
      vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === uri.fsPath),
    );

    const again = await vscode.commands.executeCommand<vscode.Uri | undefined>(COMMANDS.draftExpectations);
    assert.equal(again?.fsPath, uri.fsPath, 'every column has its entries: nothing to add, nothing drafted beside');
    assert.equal(existsSync(join(root, DRAFT)), false);
    assert.equal(readFileSync(uri.fsPath, 'utf8'), text);
  });

  test('Validate Data on the training data passes, records it and the sidebar shows it passing', async () => {
    const result = await vscode.commands.executeCommand<ValidationResult | undefined>(COMMANDS.validateData, 'train');
    assert.ok(result, 'the command returns the result');
    const failures = result.results.filter((r) => r.status === 'fail' && r.severity === 'error').map((r) => r.message);
    assert.deepEqual(failures, [], 'the training data meets expectations drafted from it');
    assert.equal(result.outcome, 'pass');
    const record = JSON.parse(readFileSync(join(root, '.mlcycle/validations/train.json'), 'utf8'));
    assert.equal(record.kind, 'validation');
    assert.equal(record.name, 'train');
    assert.equal(record.outcome, 'pass');
    assert.deepEqual(
      record.inputs.map((i: { path: string }) => i.path),
      ['data/train.csv', EXPECTATIONS],
    );
    assert.match(record.summary, /^data\/train\.csv: All \d+ expectations passed/);
    // The sidebar recomputes from the files in the background: wait for it to see the record.
    await waitFor('the validation item to pass', async () => (await itemStatus('data.validation')) === 'passing');
  });

  test('Validate Data on current data with a bad row appended fails, with diagnostics on the expectations', async () => {
    appendFileSync(join(root, 'data/current.csv'), 'Adelie,Atlantis,41.1,18.2,192,-50,MALE\n');
    const lastLine = readFileSync(join(root, 'data/current.csv'), 'utf8').trimEnd().split('\n').length;
    const result = await vscode.commands.executeCommand<ValidationResult | undefined>(COMMANDS.validateData, 'current');
    assert.ok(result);
    assert.equal(result.outcome, 'fail');
    const failed = result.results.filter((r) => r.status === 'fail' && r.severity === 'error');
    const island = failed.find((r) => r.kind === 'allowed' && r.columns[0] === 'Island');
    assert.ok(island, `the unknown island fails its allowed set; failures: ${failed.map((r) => r.id).join(', ')}`);
    assert.deepEqual(
      island.examples.map((e) => [e.line, e.values.Island]),
      [[lastLine, 'Atlantis']],
    );
    const mass = failed.find((r) => r.kind === 'range' && r.columns[0] === 'Body Mass (g)');
    assert.ok(mass && mass.examples.some((e) => e.line === lastLine), 'the negative mass fails its range at its line');

    const record = JSON.parse(readFileSync(join(root, '.mlcycle/validations/current.json'), 'utf8'));
    assert.equal(record.outcome, 'fail');
    assert.match(record.summary, /^data\/current\.csv: \d+ of \d+ expectations failed/);

    const expectationsUri = vscode.Uri.file(join(root, EXPECTATIONS));
    const diagnostics = await waitFor('validation diagnostics', () =>
      vscode.languages.getDiagnostics(expectationsUri).filter((d) => d.source === 'ML Lifecycle validation'),
    );
    const atIsland = diagnostics.find((d) => d.code === island.id);
    assert.ok(atIsland, `a diagnostic for ${island.id}`);
    assert.equal(atIsland.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(atIsland.range.start.line, island.range.start.line - 1, 'at the line of the expectation');
    assert.match(atIsland.message, /^\[current\] 1 value of "Island" is not in the allowed set/);
    assert.equal(
      atIsland.relatedInformation?.[0]?.location.range.start.line,
      lastLine - 1,
      'linked to the offending data line',
    );

    // "Show Report" previews this Markdown document.
    const report = await vscode.workspace.openTextDocument(
      vscode.Uri.from({ scheme: 'mlcycle-validation', path: '/current.md' }),
    );
    assert.match(
      report.getText(),
      /^# Validation of data\/current\.csv\n\n\*\*Failed\*\*: \d+ of \d+ expectations failed/,
    );
    assert.ok(
      report.getText().includes(`| line ${lastLine} | Island = "Atlantis" |`),
      'the offending row in the report',
    );
    await vscode.commands.executeCommand('markdown.showPreviewToSide', report.uri);
    await waitFor('the report preview', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /Preview current\.md/.test(t.label)),
    );
  });

  test('the validation item goes stale when the training data changes', async () => {
    assert.equal(await itemStatus('data.validation'), 'passing');
    appendFileSync(join(root, 'data/train.csv'), 'Gentoo,Biscoe,47.5,15,218,4950,FEMALE\n');
    await waitFor('the validation item to go stale', async () => (await itemStatus('data.validation')) === 'stale');
  });
});
