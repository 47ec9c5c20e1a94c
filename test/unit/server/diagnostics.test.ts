// The language server's diagnostics over LSP, against a real server process: exact ranges for
// schema errors and unknown keys, YAML syntax errors, documents checked from disk before any
// is opened, re-checks on watched-file events, and a huge document that does not hold up others.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession, tempExample, uriOf } from './lspSession';

const at = (d: Diagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];

describe('language server diagnostics', () => {
  let project: ReturnType<typeof tempExample>;
  let lsp: LspSession;
  before(async () => {
    project = tempExample('penguins');
    lsp = await LspSession.start(project.root);
  });
  after(async () => {
    await lsp.dispose();
    project.dispose();
  });

  test('a charter with a wrong type and an unknown key gets both, at the exact value and key', async () => {
    const text = [
      'version: 1',
      'problem: Identify penguins in the field.',
      'kpis:',
      '  - name: Correct identification',
      '    metric: balanced_accuracy',
      '    threshold: high',
      'bogus: 1',
      '',
    ].join('\n');
    const uri = lsp.open(join(project.root, 'docs/charter.yaml'), text);
    const diagnostics = await lsp.waitForDiagnostics(uri, (ds) => ds.length > 0);
    const threshold = diagnostics.find((d) => d.message.includes('threshold'));
    assert.ok(threshold, JSON.stringify(diagnostics));
    assert.deepEqual(at(threshold), [5, 15, 5, 19]);
    assert.equal(threshold.severity, 1);
    assert.equal(threshold.source, 'ML Lifecycle');
    const bogus = diagnostics.find((d) => d.message.includes('bogus'));
    assert.ok(bogus, JSON.stringify(diagnostics));
    assert.deepEqual(at(bogus), [6, 0, 6, 5]);

    // Fixing both while typing clears them (after the debounce).
    lsp.change(uri, text.replace('threshold: high', 'threshold: 0.9').replace('bogus: 1\n', ''));
    const fixed = await lsp.waitForDiagnostics(uri, (ds) => !ds.some((d) => d.message.includes('bogus')));
    assert.deepEqual(
      fixed.filter((d) => d.severity === 1),
      [],
    );
  });

  test('a YAML syntax error is reported where it is', async () => {
    const text = 'version: 1\nproblem: Identify penguins\nobjectives: [one, two\nkpis: []\n';
    const uri = lsp.open(join(project.root, 'pipeline.yaml'), text);
    const diagnostics = await lsp.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'yaml-syntax'));
    const syntax = diagnostics.find((d) => d.code === 'yaml-syntax')!;
    assert.ok(syntax.range.start.line >= 2 && syntax.range.start.line <= 3, JSON.stringify(syntax));
    lsp.close(uri);
  });

  test('files that are not lifecycle documents are left alone', async () => {
    const uri = lsp.open(join(project.root, 'notes.yaml'), 'key: [unclosed\n');
    const pipeline = lsp.open(join(project.root, 'docs/expectations.yaml'), 'version: 1\nexpectations: 3\n');
    await lsp.waitForDiagnostics(pipeline, (ds) => ds.length > 0);
    assert.equal(lsp.diagnostics.get(uri), undefined);
  });

  test('mlcycle.yaml is checked from disk without being opened, and again when it changes', async () => {
    const file = join(project.root, 'mlcycle.yaml');
    const uri = uriOf(file);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('task: classification', 'task: clustering'));
    lsp.filesChanged([{ path: file, type: 2 }]);
    const diagnostics = await lsp.waitForDiagnostics(uri, (ds) =>
      ds.some((d) => /classification, regression/.test(d.message)),
    );
    const task = diagnostics.find((d) => /classification, regression/.test(d.message))!;
    const line = original.split('\n').findIndex((l) => l.startsWith('task:'));
    assert.deepEqual(at(task), [line, 6, line, 16]);
    writeFileSync(file, original);
    lsp.filesChanged([{ path: file, type: 2 }]);
    await lsp.waitForDiagnostics(uri, (ds) => !ds.some((d) => d.severity === 1));
  });
});

describe('language server startup', () => {
  test('problems of the documents on disk are published before any is opened', async () => {
    const project = tempExample('penguins');
    const file = join(project.root, 'mlcycle.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('target: Species', 'target: [Species]'));
    const lsp = await LspSession.start(project.root);
    try {
      const diagnostics = await lsp.waitForDiagnostics(uriOf(file), (ds) => ds.length > 0);
      assert.ok(
        diagnostics.some((d) => d.message.includes('target')),
        JSON.stringify(diagnostics),
      );
    } finally {
      await lsp.dispose();
      project.dispose();
    }
  });
});

describe('a huge document', () => {
  test('gets one information diagnostic and does not hold up requests on other documents', async () => {
    const project = tempExample('penguins');
    const lsp = await LspSession.start(project.root);
    try {
      let huge = 'version: 1\nfields:\n';
      for (let i = 0; huge.length < 3_000_000; i++)
        huge += `  - name: column_${i}\n    type: numeric\n    description: Column ${i} of a very wide table\n`;
      const small = lsp.open(join(project.root, 'docs/charter.yaml'), 'version: 1\nproblem: x\nbogus: 1\n');
      await lsp.waitForDiagnostics(small, (ds) => ds.length > 0);
      const hugeUri = lsp.open(join(project.root, 'docs/data-dictionary.yaml'), huge);
      // Typing in the huge document keeps re-scheduling its check.
      lsp.change(hugeUri, huge + '# more\n');
      const symbols = await lsp.request('textDocument/documentSymbol', { textDocument: { uri: small } });
      assert.ok(Array.isArray(symbols) || symbols === null);
      const hugeDiagnostics = await lsp.waitForDiagnostics(hugeUri, (ds) => ds.length > 0);
      // Exactly the size notice and nothing else: the server skipped the analysis (an analysed
      // document would carry its own findings), which is what keeps it quick, on any machine.
      assert.deepEqual(
        hugeDiagnostics.map((d) => [d.code, d.severity]),
        [['too-large', 3]],
      );
      assert.match(hugeDiagnostics[0].message, /KB/);
      await lsp.request('textDocument/hover', { textDocument: { uri: hugeUri }, position: { line: 3, character: 6 } });
    } finally {
      await lsp.dispose();
      project.dispose();
    }
  });
});
