// The "Explain Prediction" panel: one row of a data file explained, opened beside the editor.
// One panel for every row: explaining another shows it in the same panel. Refresh (and revival
// after a window reload) explains the row again from the project's current files.
import * as vscode from 'vscode';
import type { PredictionReport } from '../../protocol/webview';
import { ReportPanel, type ReportSpec } from './reportPanel';

// package.json activates the extension on onWebviewPanel:<this> so the serializer can revive it.
export const PREDICTION_VIEW_TYPE = 'mlcycle.report.prediction';

export type PredictionRecompute = (shown: PredictionReport | undefined) => Promise<PredictionReport>;

function spec(recompute: PredictionRecompute, log?: vscode.OutputChannel): ReportSpec<PredictionReport> {
  return {
    kind: 'prediction',
    viewType: PREDICTION_VIEW_TYPE,
    title: 'Prediction explained',
    viewColumn: vscode.ViewColumn.Beside,
    compute: () => recompute(PredictionPanel.current?.currentReport),
    log,
  };
}

export class PredictionPanel {
  static show(
    context: vscode.ExtensionContext,
    report: PredictionReport,
    recompute: PredictionRecompute,
    log?: vscode.OutputChannel,
  ): ReportPanel<PredictionReport> {
    return ReportPanel.show(context.extensionUri, spec(recompute, log), report);
  }

  static registerSerializer(
    context: vscode.ExtensionContext,
    recompute: PredictionRecompute,
    log?: vscode.OutputChannel,
  ): vscode.Disposable {
    return ReportPanel.registerSerializer(context.extensionUri, spec(recompute, log));
  }

  static get current(): ReportPanel<PredictionReport> | undefined {
    return ReportPanel.get<PredictionReport>(PREDICTION_VIEW_TYPE);
  }
}
