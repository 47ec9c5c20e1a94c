// The run comparison panel: two or more training runs side by side, opened beside the editor.
// Refresh (and revival after a window reload) reads the compared runs' records again.
import * as vscode from 'vscode';
import type { CompareReport } from '../../protocol/webview';
import { ReportPanel, type ReportSpec } from './reportPanel';

// package.json activates the extension on onWebviewPanel:<this> so the serializer can revive it.
export const COMPARE_VIEW_TYPE = 'mlcycle.report.compare';

export type CompareRecompute = (shown: CompareReport | undefined) => Promise<CompareReport>;

function spec(recompute: CompareRecompute, log?: vscode.OutputChannel): ReportSpec<CompareReport> {
  return {
    kind: 'compare',
    viewType: COMPARE_VIEW_TYPE,
    title: 'Run comparison',
    viewColumn: vscode.ViewColumn.Beside,
    compute: () => recompute(ComparePanel.current?.currentReport),
    log,
  };
}

export class ComparePanel {
  static show(
    context: vscode.ExtensionContext,
    report: CompareReport,
    recompute: CompareRecompute,
    log?: vscode.OutputChannel,
  ): ReportPanel<CompareReport> {
    return ReportPanel.show(context.extensionUri, spec(recompute, log), report);
  }

  static registerSerializer(
    context: vscode.ExtensionContext,
    recompute: CompareRecompute,
    log?: vscode.OutputChannel,
  ): vscode.Disposable {
    return ReportPanel.registerSerializer(context.extensionUri, spec(recompute, log));
  }

  static get current(): ReportPanel<CompareReport> | undefined {
    return ReportPanel.get<CompareReport>(COMPARE_VIEW_TYPE);
  }
}
