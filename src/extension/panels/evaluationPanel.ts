// The evaluation report panel: one training run (or one of its models evaluated on another
// file), opened beside the editor. One panel for every run: opening another run shows it in the
// same panel. Refresh (and revival after a window reload) reads the run's record again.
import * as vscode from 'vscode';
import type { EvaluationReport } from '../../protocol/webview';
import { ReportPanel, type ReportSpec } from './reportPanel';

// package.json activates the extension on onWebviewPanel:<this> so the serializer can revive it.
export const EVALUATION_VIEW_TYPE = 'mlcycle.report.evaluation';

/** Computes the report of the run `shown` is about (the report on screen, or the one a reload restored). */
export type EvaluationRecompute = (shown: EvaluationReport | undefined) => Promise<EvaluationReport>;

function spec(recompute: EvaluationRecompute, log?: vscode.OutputChannel): ReportSpec<EvaluationReport> {
  return {
    kind: 'evaluation',
    viewType: EVALUATION_VIEW_TYPE,
    title: 'Evaluation report',
    viewColumn: vscode.ViewColumn.Beside,
    compute: () => recompute(EvaluationPanel.current?.currentReport),
    log,
  };
}

export class EvaluationPanel {
  static show(
    context: vscode.ExtensionContext,
    report: EvaluationReport,
    recompute: EvaluationRecompute,
    log?: vscode.OutputChannel,
  ): ReportPanel<EvaluationReport> {
    return ReportPanel.show(context.extensionUri, spec(recompute, log), report);
  }

  static registerSerializer(
    context: vscode.ExtensionContext,
    recompute: EvaluationRecompute,
    log?: vscode.OutputChannel,
  ): vscode.Disposable {
    return ReportPanel.registerSerializer(context.extensionUri, spec(recompute, log));
  }

  static get current(): ReportPanel<EvaluationReport> | undefined {
    return ReportPanel.get<EvaluationReport>(EVALUATION_VIEW_TYPE);
  }
}
