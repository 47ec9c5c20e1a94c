// Export of a report from its panel: ask where, build the self-contained file (exportHtml.ts)
// from the extension's own bundles, and write it whole or not at all (temp file + rename).
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/atomicWrite';
import type { ReportPayload } from '../../protocol/webview';
import { exportFileName, exportReportHtml } from './exportHtml';
import { readExportAssets } from './reportAssets';

async function writeWhole(target: vscode.Uri, text: string): Promise<void> {
  if (target.scheme !== 'file') {
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    return;
  }
  await writeFileAtomic(target.fsPath, text);
}

/** Asks for a destination and writes the report there; undefined when the user cancels. */
export async function saveReportAsHtml(
  extensionUri: vscode.Uri,
  report: ReportPayload,
): Promise<vscode.Uri | undefined> {
  const folder = vscode.Uri.file(report.project.root);
  const target = await vscode.window.showSaveDialog({
    title: 'Export report as HTML',
    saveLabel: 'Export',
    defaultUri: vscode.Uri.joinPath(folder, exportFileName(report)),
    filters: { 'HTML report': ['html'] },
  });
  if (!target) return undefined;
  const assets = await readExportAssets(extensionUri.fsPath, report.kind);
  await writeWhole(target, exportReportHtml(report, assets));
  void vscode.window
    .showInformationMessage(`ML Lifecycle: report exported to ${target.fsPath}`, 'Open in browser')
    .then((choice) => {
      if (choice) void vscode.env.openExternal(target);
    });
  return target;
}
