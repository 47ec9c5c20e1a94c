// The project overview panel: the project, its datasets and its lifecycle checklist. The caller
// supplies how to compute the report (the project model), so the panel never reads files.
import type * as vscode from 'vscode';
import type { OverviewReport } from '../../protocol/webview';
import { ReportPanel, type ReportSpec } from './reportPanel';

// package.json activates the extension on onWebviewPanel:<this> so the serializer can revive it.
export const OVERVIEW_VIEW_TYPE = 'mlcycle.report.overview';

export type OverviewProvider = () => Promise<OverviewReport>;

function spec(provider: OverviewProvider, log?: vscode.OutputChannel): ReportSpec<OverviewReport> {
  return { kind: 'overview', viewType: OVERVIEW_VIEW_TYPE, title: 'Project overview', compute: provider, log };
}

export class OverviewPanel {
  /** Opens the overview, or reveals it and recomputes it when it is open already. */
  static show(
    context: vscode.ExtensionContext,
    provider: OverviewProvider,
    log?: vscode.OutputChannel,
  ): ReportPanel<OverviewReport> {
    return ReportPanel.show(context.extensionUri, spec(provider, log));
  }

  /** Brings overview panels back after a window reload; add the result to context.subscriptions. */
  static registerSerializer(
    context: vscode.ExtensionContext,
    provider: OverviewProvider,
    log?: vscode.OutputChannel,
  ): vscode.Disposable {
    return ReportPanel.registerSerializer(context.extensionUri, spec(provider, log));
  }

  /** The open overview panel, if any. */
  static get current(): ReportPanel<OverviewReport> | undefined {
    return ReportPanel.get<OverviewReport>(OVERVIEW_VIEW_TYPE);
  }

  /** Shows a report computed elsewhere (after the project's files changed) if the panel is open. */
  static update(report: OverviewReport): void {
    OverviewPanel.current?.update(report);
  }
}
