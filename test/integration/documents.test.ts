// The lifecycle documents in a real VS Code, served by our language server: the charter is a
// 'yaml' document (VS Code's built-in language), an error typed into it is reported by the server
// at its line and column, and completion, hover and the outline come from the server too.
// "New Charter" opens the existing charter and never writes over it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/protocol/commands';
import { activeApi, EXTENSION_ID, waitFor, workspaceRoot } from './helpers';

const charterPath = () => join(workspaceRoot(), 'docs/charter.yaml');

async function openCharter(): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(vscode.Uri.file(charterPath()), { preview: false });
}

/** Appends a line to the editor's text, unsaved. */
async function append(editor: vscode.TextEditor, line: string): Promise<number> {
  const document = editor.document;
  const last = document.lineAt(document.lineCount - 1);
  const prefix = last.text === '' ? '' : '\n';
  await editor.edit((edit) => edit.insert(last.range.end, `${prefix}${line}\n`));
  return document.lineCount - 2;
}

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

suite('Lifecycle documents', () => {
  suiteSetup(async () => {
    await activeApi();
  });

  teardown(async () => {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === charterPath());
    if (editor?.document.isDirty) await revert(editor);
  });

  test('the charter is a yaml document, and an error typed into it is reported by the language server', async () => {
    const editor = await openCharter();
    assert.equal(editor.document.languageId, 'yaml');
    const line = await append(editor, 'bogusSection: 1');
    const diagnostic = await waitFor('a diagnostic on the unknown key', () =>
      vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.message.includes('bogusSection')),
    );
    assert.equal(diagnostic.source, 'ML Lifecycle');
    assert.equal(diagnostic.range.start.line, line);
    assert.equal(diagnostic.range.start.character, 0);
    assert.equal(diagnostic.range.end.character, 'bogusSection'.length);
    const api = await activeApi();
    const client = await api.languageClient.start();
    assert.ok(client?.isRunning(), 'the language client runs');
    await revert(editor);
    await waitFor(
      'the diagnostic gone after revert',
      () => !vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.message.includes('bogusSection')),
    );
  });

  test('completion offers the charter keys still missing, from the schema', async () => {
    const editor = await openCharter();
    const schemaFile = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'schemas/charter.schema.json');
    const keys = Object.keys(JSON.parse(readFileSync(schemaFile, 'utf8')).properties as object);
    const present = new Set([...editor.document.getText().matchAll(/^([A-Za-z]+):/gm)].map((m) => m[1]));
    const line = await append(editor, '');
    const list = await waitFor('completion items', async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        new vscode.Position(line, 0),
      );
      return result.items.length > 0 ? result : undefined;
    });
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of keys) {
      if (present.has(key)) assert.ok(!labels.includes(key), `${key} is already there`);
      else assert.ok(labels.includes(key), `${key} offered; got ${labels.join(', ')}`);
    }
  });

  test('hover on a key shows its description from the schema', async () => {
    const editor = await openCharter();
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('kpis:'));
    const hovers = await waitFor('a hover', async () => {
      const result = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        new vscode.Position(line, 2),
      );
      return result.length > 0 ? result : undefined;
    });
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /kpis/);
    assert.match(text, /metric/i);
  });

  test('the outline lists the charter sections', async () => {
    const editor = await openCharter();
    const symbols = await waitFor('document symbols', async () => {
      const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        editor.document.uri,
      );
      return result?.length ? result : undefined;
    });
    const names = symbols.map((s) => s.name);
    for (const name of ['problem', 'objectives', 'kpis', 'feasibility'])
      assert.ok(names.includes(name), names.join(', '));
    const kpis = symbols.find((s) => s.name === 'kpis')!;
    assert.ok(kpis.children.length > 0);
  });

  test('New Charter opens the existing charter and leaves it as it is', async () => {
    const before = readFileSync(charterPath(), 'utf8');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.newCharter);
    assert.equal(uri?.fsPath, charterPath());
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, charterPath());
    assert.equal(readFileSync(charterPath(), 'utf8'), before);
  });

  test("tuning.yaml: a parameter its model lacks is reported on its key, and completion offers the model's parameters", async () => {
    const path = join(workspaceRoot(), 'tuning.yaml');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: false });
    try {
      const at = editor.document
        .getText()
        .split('\n')
        .findIndex((l) => l.startsWith('    C: '));
      assert.ok(at > 0, 'the sample study searches logistic.C');
      await editor.edit((edit) => edit.insert(new vscode.Position(at + 1, 0), '    depth: [1, 2]\n    \n'));
      const diagnostic = await waitFor('a diagnostic on the unknown parameter', () =>
        vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.message.includes('"depth"')),
      );
      assert.equal(diagnostic.range.start.line, at + 1);
      assert.match(diagnostic.message, /logistic_regression has no parameter "depth"/);
      const list = await waitFor('completion items', async () => {
        const result = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          editor.document.uri,
          new vscode.Position(at + 2, 4),
        );
        return result.items.length > 0 ? result : undefined;
      });
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const p of ['penalty', 'max_iter', 'tol']) assert.ok(labels.includes(p), labels.join(', '));
    } finally {
      await revert(editor);
    }
  });
});
