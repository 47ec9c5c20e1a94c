// The EDA report panel: the profile of one dataset, opened beside the editor. One panel for
// every profile: profiling another file shows it in the same panel. Refresh (and revival after
// a window reload) profiles the file on screen again, which costs nothing when it is unchanged
// (profiles are cached by the file's content fingerprint, see profileCommands.ts).
import * as vscode from 'vscode';
import type { ProfileReport } from '../../protocol/webview';
import { ReportPanel, type ReportSpec } from './reportPanel';

// package.json activates the extension on onWebviewPanel:<this> so the serializer can revive it.
export const PROFILE_VIEW_TYPE = 'mlcycle.report.profile';

/** Computes the report of the dataset `shown` is about (the report on screen, or the one a reload restored). */
export type ProfileRecompute = (shown: ProfileReport | undefined) => Promise<ProfileReport>;

function spec(recompute: ProfileRecompute, log?: vscode.OutputChannel): ReportSpec<ProfileReport> {
  return {
    kind: 'profile',
    viewType: PROFILE_VIEW_TYPE,
    title: 'Data profile',
    viewColumn: vscode.ViewColumn.Beside,
    compute: () => recompute(ProfilePanel.current?.currentReport),
    log,
  };
}

export class ProfilePanel {
  /** Shows `report` (computed by the caller), opening the panel beside the editor if it is not open. */
  static show(
    context: vscode.ExtensionContext,
    report: ProfileReport,
    recompute: ProfileRecompute,
    log?: vscode.OutputChannel,
  ): ReportPanel<ProfileReport> {
    return ReportPanel.show(context.extensionUri, spec(recompute, log), report);
  }

  /** Brings the profile panel back after a window reload; add the result to context.subscriptions. */
  static registerSerializer(
    context: vscode.ExtensionContext,
    recompute: ProfileRecompute,
    log?: vscode.OutputChannel,
  ): vscode.Disposable {
    return ReportPanel.registerSerializer(context.extensionUri, spec(recompute, log));
  }

  /** The open profile panel, if any. */
  static get current(): ReportPanel<ProfileReport> | undefined {
    return ReportPanel.get<ProfileReport>(PROFILE_VIEW_TYPE);
  }
}
