// Completion, hover, outline and quick fixes over LSP against a real server process, and the
// cross-file diagnostics following the workspace: a data file or run record changes on disk, the
// editor says so (didChangeWatchedFiles), and the open documents' diagnostics follow.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  MarkupContent,
} from 'vscode-languageserver-protocol';
import { LspSession, tempExample } from './lspSession';

const CHARTER = [
  'version: 1',
  'problem: Identify penguins in the field.',
  'task: classification',
  'target: Species',
  'kpis:',
  '  - name: Correct identification',
  '    metric: balanced_acuracy',
  '    threshold: 0.95',
  'feasibility:',
  '  dataAvailable:',
  '    answer: ',
  '',
].join('\n');

describe('language server features', () => {
  let project: ReturnType<typeof tempExample>;
  let lsp: LspSession;
  let uri: string;
  before(async () => {
    project = tempExample('penguins');
    lsp = await LspSession.start(project.root);
    uri = lsp.open(join(project.root, 'docs/charter.yaml'), CHARTER);
  });
  after(async () => {
    await lsp.dispose();
    project.dispose();
  });

  test('completion offers the keys a charter may still take, with their descriptions', async () => {
    // At the start of an empty line at the top level.
    const text = CHARTER + '\n';
    lsp.change(uri, text);
    const lines = text.split('\n').length - 1;
    const result = await lsp.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: lines, character: 0 },
    });
    const labels = result.items.map((i) => i.label);
    assert.ok(labels.includes('successCriteria'), labels.join(', '));
    assert.ok(labels.includes('expectedRoi'), labels.join(', '));
    assert.ok(!labels.includes('problem'), 'keys already present are not offered');
    const item = result.items.find((i) => i.label === 'successCriteria')!;
    assert.match((item.documentation as MarkupContent).value, /\w{4,}/);
  });

  test('completion offers the enum values of a feasibility answer', async () => {
    const line = CHARTER.split('\n').findIndex((l) => l === '    answer: ');
    const result = await lsp.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 12 },
    });
    // yes and no are quoted: YAML 1.1 readers would take them for booleans.
    const labels = result.items.map((i) => i.label.replace(/^"(.*)"$/, '$1'));
    for (const answer of ['yes', 'no', 'unsure']) assert.ok(labels.includes(answer), labels.join(', '));
  });

  test('hover on a key shows its schema description, over the key', async () => {
    const hover = await lsp.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 3 },
    });
    assert.ok(hover, 'a hover');
    assert.match((hover.contents as MarkupContent).value, /problem/);
    assert.equal(hover.range?.start.line, 1);
    assert.equal(hover.range?.start.character, 0);
  });

  test('the outline lists the top-level keys, with the KPI named by its name', async () => {
    const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const names = symbols.map((s) => s.name);
    assert.deepEqual(names.slice(0, 5), ['version', 'problem', 'task', 'target', 'kpis']);
    const kpis = symbols.find((s) => s.name === 'kpis')!;
    assert.equal(kpis.range.start.line, 4);
    assert.match(kpis.children?.[0]?.name ?? '', /Correct identification/);
  });

  test('a misspelt KPI metric gets a diagnostic on the value and a quick fix that corrects it', async () => {
    const diagnostics = await lsp.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'unknown-metric'));
    const metric = diagnostics.find((d) => d.code === 'unknown-metric')!;
    assert.deepEqual(metric.range, { start: { line: 6, character: 12 }, end: { line: 6, character: 28 } });
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: metric.range,
      context: { diagnostics: [metric], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.edit?.changes?.[uri], [{ range: metric.range, newText: 'balanced_accuracy' }]);
    // Without the diagnostic's data (a client that drops it), the published one stands in.
    const bare: Diagnostic = { range: metric.range, message: metric.message };
    const again = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: metric.range,
      context: { diagnostics: [bare] },
    });
    assert.ok(again.some((a) => a.edit?.changes?.[uri]?.[0]?.newText === 'balanced_accuracy'));
  });

  test('a renamed column in the training data shows up in the charter once the file watcher reports it', async () => {
    lsp.change(uri, CHARTER.replace('balanced_acuracy', 'balanced_accuracy'));
    await lsp.waitForDiagnostics(uri, (ds) => !ds.some((d) => d.code === 'unknown-metric'));
    assert.ok(!(lsp.diagnostics.get(uri) ?? []).some((d) => /Species/.test(d.message)));
    const train = join(project.root, 'data/train.csv');
    const original = readFileSync(train, 'utf8');
    writeFileSync(train, original.replace(/^Species,/, 'Penguin species,'));
    lsp.filesChanged([{ path: train, type: 2 }]);
    const diagnostics = await lsp.waitForDiagnostics(uri, (ds) =>
      ds.some((d) => /Species/.test(d.message) && d.range.start.line === 3),
    );
    const target = diagnostics.find((d) => d.range.start.line === 3)!;
    assert.deepEqual(target.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } });
    writeFileSync(train, original);
    lsp.filesChanged([{ path: train, type: 2 }]);
    await lsp.waitForDiagnostics(uri, (ds) => !ds.some((d) => d.range.start.line === 3));
  });

  test('requests on files that are not lifecycle documents get nothing', async () => {
    const other = lsp.open(join(project.root, 'data/notes.yaml'), 'problem: x\n');
    assert.equal(
      await lsp.request('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 2 } }),
      null,
    );
    assert.equal(
      await lsp.request('textDocument/completion', {
        textDocument: { uri: other },
        position: { line: 1, character: 0 },
      }),
      null,
    );
  });
});
