// First proof that the suite runs inside a real extension host with our extension loaded as a
// development extension on a copy of examples/penguins. Also logs the activation time (the
// issue asks for it in this log; it is reported, not asserted as a timing test).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import manifest from '../../package.json';

const extensionId = `${manifest.publisher}.${manifest.name}`;

suite('Harness: real VS Code extension host', () => {
  test(`the extension ${extensionId} is present and activates`, async () => {
    console.log(
      `[harness] ${vscode.env.appName} ${vscode.version} (${vscode.env.uiKind === vscode.UIKind.Web ? 'web workbench' : 'desktop'}, extension host on ${process.platform} Node ${process.versions.node})`,
    );
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among the loaded extensions`);
    const wasActive = extension.isActive;
    const started = performance.now();
    const api: unknown = await extension.activate();
    const awaitedMs = performance.now() - started;
    assert.equal(extension.isActive, true);

    const activationMs = (api as { activationMs?: unknown } | undefined)?.activationMs;
    if (typeof activationMs === 'number') {
      console.log(
        `[harness] activation time of ${extensionId}: ${activationMs.toFixed(1)} ms (measured by activate())`,
      );
    } else {
      console.log(`[harness] ${extensionId}'s activate() returned no activationMs`);
    }
    console.log(
      `[harness] ${wasActive ? 'already active at test start' : `activate() awaited for ${awaitedMs.toFixed(1)} ms`}`,
    );
  });

  test('the workspace is a writable copy of the penguins example', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const projectFile = vscode.Uri.joinPath(folder.uri, 'mlcycle.yaml');
    const stat = await vscode.workspace.fs.stat(projectFile);
    assert.equal(stat.type, vscode.FileType.File);
    assert.doesNotMatch(folder.uri.fsPath, /\/examples\/penguins$/, 'tests must not run on the checked-in example');
  });

  test('the test environment reaches the extension host', () => {
    assert.equal(process.env.MLCYCLE_DIAGNOSTICS, '1');
  });
});
