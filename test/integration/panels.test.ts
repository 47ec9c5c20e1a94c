// The project overview in a real VS Code webview, opened by its command: the ready handshake,
// the Plotly chart drawn under the strict CSP, a re-render on reveal and on theme change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/protocol/commands';
import type { WebviewToHost } from '../../src/protocol/webview';
import { activeApi, waitFor } from './helpers';

type Panel = NonNullable<ReturnType<Awaited<ReturnType<typeof activeApi>>['overviewPanel']>>;

function nextMessage(panel: Panel, type: WebviewToHost['type'], ms = 60_000): Promise<WebviewToHost> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no "${type}" from the webview within ${ms} ms`));
    }, ms);
    const sub = panel.onDidReceiveMessage((m) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(m);
    });
  });
}

suite('Project overview panel', () => {
  test('opens from its command, shakes hands, draws its chart with no CSP problem, survives hide and theme change', async () => {
    const api = await activeApi();
    const started = performance.now();
    await vscode.commands.executeCommand(COMMANDS.showOverview);
    const panel = await waitFor('the overview panel', () => api.overviewPanel());
    const drawn = (await nextMessage(panel, 'rendered')) as Extract<WebviewToHost, { type: 'rendered' }>;
    console.log(`[measure] overview drawn ${(performance.now() - started).toFixed(0)} ms after the command`);
    assert.equal(drawn.charts, 1);
    assert.equal(drawn.generatedAt, panel.currentReport?.generatedAt);
    assert.equal(panel.currentReport?.project.name, 'Penguin species');
    assert.equal(panel.currentReport?.phases.length, 5);

    // Hidden behind an editor, then revealed: the page reloads and asks again (no retained context).
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument({ content: 'x' }),
      vscode.ViewColumn.Active,
    );
    const readyAgain = nextMessage(panel, 'ready');
    const renderedAgain = nextMessage(panel, 'rendered');
    panel.reveal();
    await readyAgain;
    await renderedAgain;

    for (const theme of ['Default High Contrast', 'Default Light Modern']) {
      const redrawn = nextMessage(panel, 'rendered', 20_000);
      await vscode.workspace
        .getConfiguration('workbench')
        .update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await redrawn;
    }
    await vscode.workspace
      .getConfiguration('workbench')
      .update('colorTheme', undefined, vscode.ConfigurationTarget.Global);

    assert.deepEqual(panel.problems, [], 'the page reported CSP violations or drawing errors');
    panel.dispose();
    assert.equal(api.overviewPanel(), undefined);
  });
});
