// The one base of every report panel: a webview under a strict policy that loads only the
// extension's bundle and media, a `ready` handshake (nothing is posted before the webview asks),
// typed messages both ways, Refresh / Export / item actions, and revival after a window reload.
// A report supplies only its kind, its view type and how to compute its payload.
import * as vscode from 'vscode';
import {
  isWebviewState,
  isWebviewToHost,
  type HostToWebview,
  type ReportPayload,
  type WebviewToHost,
} from '../../protocol/webview';
import { buildPanelHtml, createNonce, reportTitle } from './html';
import { MEDIA_DIR, reportAssetPaths, WEBVIEW_BUNDLE_DIR } from './reportAssets';
import { saveReportAsHtml } from './reportExport';

export interface ReportSpec<P extends ReportPayload> {
  kind: P['kind'];
  /** Unique per report; also the serializer's key (package.json: onWebviewPanel:<viewType>). */
  viewType: string;
  /** The tab title until the first report is computed. */
  title: string;
  /** Computes the report from the project's current state. */
  compute: () => Promise<P>;
  /** Where a new panel opens (default: the active column). */
  viewColumn?: vscode.ViewColumn;
  log?: { appendLine(line: string): void };
}

/** Scripts on, and nothing but dist/webview and media readable. */
export function reportWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, ...WEBVIEW_BUNDLE_DIR),
      vscode.Uri.joinPath(extensionUri, ...MEDIA_DIR),
    ],
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ReportPanel<P extends ReportPayload> implements vscode.Disposable {
  /** At most one panel per report kind: showing it again reveals and refreshes it. */
  private static readonly open = new Map<string, ReportPanel<ReportPayload>>();

  private report: P | undefined;
  private lastError: string | undefined;
  /** True between the webview's `ready` and the moment its content is discarded (hidden). */
  private webviewReady = false;
  private wasVisible: boolean;
  private isDisposed = false;
  private refreshes = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private readonly received = new vscode.EventEmitter<WebviewToHost>();
  /** Every valid message from the webview, after the panel acted on it (tests watch the handshake). */
  readonly onDidReceiveMessage = this.received.event;
  /** What the page reported as going wrong (CSP violations, drawing errors), oldest first. */
  readonly problems: string[] = [];

  /**
   * Opens (or reveals) the panel of `spec` and shows `report` when the caller computed it
   * already (a job's result), else computes it.
   */
  static show<P extends ReportPayload>(extensionUri: vscode.Uri, spec: ReportSpec<P>, report?: P): ReportPanel<P> {
    const existing = ReportPanel.get<P>(spec.viewType);
    if (existing) {
      existing.panel.reveal();
      if (report) existing.update(report);
      else void existing.refresh();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      spec.viewType,
      spec.title,
      spec.viewColumn ?? vscode.ViewColumn.Active,
      reportWebviewOptions(extensionUri),
    );
    const created = new ReportPanel(panel, extensionUri, spec, report);
    if (!report) void created.refresh();
    return created;
  }

  /** The open panel of a view type, if any. */
  static get<P extends ReportPayload>(viewType: string): ReportPanel<P> | undefined {
    return ReportPanel.open.get(viewType) as ReportPanel<P> | undefined;
  }

  /**
   * Lets panels of `spec` survive a window reload: VS Code hands back the panel and the state the
   * webview saved; the saved report shows at once, then a fresh one is computed.
   */
  static registerSerializer<P extends ReportPayload>(extensionUri: vscode.Uri, spec: ReportSpec<P>): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(spec.viewType, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) =>
        ReportPanel.revive(panel, extensionUri, spec, state),
    });
  }

  /** Takes over a panel VS Code restored, showing the report saved in `state`, then a fresh one. */
  static async revive<P extends ReportPayload>(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    spec: ReportSpec<P>,
    state: unknown,
  ): Promise<void> {
    // One panel per report: if one was opened meanwhile, the restored duplicate goes.
    if (ReportPanel.get(spec.viewType)) {
      panel.dispose();
      return;
    }
    panel.webview.options = reportWebviewOptions(extensionUri);
    const saved = isWebviewState(state) && state.report.kind === spec.kind ? (state.report as P) : undefined;
    const revived = new ReportPanel(panel, extensionUri, spec, saved);
    await revived.refresh();
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly spec: ReportSpec<P>,
    initial?: P,
  ) {
    this.report = initial;
    this.wasVisible = panel.visible;
    ReportPanel.open.set(spec.viewType, this as unknown as ReportPanel<ReportPayload>);
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, ...MEDIA_DIR, 'icons', 'report-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, ...MEDIA_DIR, 'icons', 'report-dark.svg'),
    };
    if (initial) panel.title = reportTitle(initial);
    this.disposables.push(
      this.disposed,
      this.received,
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState(() => this.visibilityChanged()),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = this.html();
  }

  get currentReport(): P | undefined {
    return this.report;
  }

  /**
   * Recomputes the report; on failure the panel keeps what it shows and says why. When refreshes
   * overlap, only the last one started is shown, and nothing is shown once the panel is closed.
   */
  async refresh(): Promise<void> {
    const generation = ++this.refreshes;
    try {
      const report = await this.spec.compute();
      if (generation === this.refreshes) this.update(report);
    } catch (error) {
      this.spec.log?.appendLine(`[panel ${this.spec.kind}] ${(error as Error)?.stack ?? error}`);
      if (generation === this.refreshes) this.showError(`The report could not be computed: ${errorMessage(error)}`);
    }
  }

  /** Keeps the report on screen and says, above it, why it could not be brought up to date. */
  showError(message: string): void {
    if (this.isDisposed) return;
    this.lastError = message;
    this.post({ type: 'error', message });
  }

  /** Shows `report` (computed elsewhere, for example after the project's files changed). */
  update(report: P): void {
    if (this.isDisposed) return;
    this.report = report;
    this.lastError = undefined;
    this.panel.title = reportTitle(report);
    this.post({ type: 'render', report });
  }

  /**
   * Keeps `report` as what the panel shows (what a reloaded page and an export get) and sends
   * the page only `message`, which brings what it shows up to `report` (a live study's new rows).
   */
  updateWith(report: P, message: HostToWebview): void {
    if (this.isDisposed) return;
    this.report = report;
    this.lastError = undefined;
    this.panel.title = reportTitle(report);
    this.post(message);
  }

  reveal(): void {
    this.panel.reveal();
  }

  get visible(): boolean {
    return !this.isDisposed && this.panel.visible;
  }

  /** A fresh nonce each time the document is (re)built. */
  private html(): string {
    const webview = this.panel.webview;
    const asset = (segments: readonly string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...segments)).toString();
    const paths = reportAssetPaths(this.spec.kind);
    return buildPanelHtml({
      kind: this.spec.kind,
      title: this.report ? reportTitle(this.report) : this.spec.title,
      nonce: createNonce(),
      cspSource: webview.cspSource,
      reportScriptUri: asset(paths.reportScript),
      plotlyScriptUri: asset(paths.plotlyScript),
      styleUris: paths.styles.map(asset),
    });
  }

  /** Until the webview said `ready`, messages wait: the latest report is sent on `ready`. */
  private post(message: HostToWebview): void {
    if (!this.webviewReady) return;
    this.panel.webview
      .postMessage(message)
      .then(undefined, (error: unknown) =>
        this.spec.log?.appendLine(`[panel ${this.spec.kind}] post failed: ${errorMessage(error)}`),
      );
  }

  private flush(): void {
    if (this.report) this.post({ type: 'render', report: this.report });
    if (this.lastError) this.post({ type: 'error', message: this.lastError });
  }

  private visibilityChanged(): void {
    const visible = this.panel.visible;
    // A hidden webview's content is discarded (no retainContextWhenHidden); the reloaded page
    // says `ready` again. A panel that stayed alive gets the latest report again on reveal.
    if (!visible) this.webviewReady = false;
    else if (!this.wasVisible) this.flush();
    this.wasVisible = visible;
  }

  /** A message from the page (VS Code delivers them here; tests may too, as the page would). */
  async receive(raw: unknown): Promise<void> {
    if (!isWebviewToHost(raw)) {
      this.spec.log?.appendLine(
        `[panel ${this.spec.kind}] ignored an unexpected message: ${JSON.stringify(raw)?.slice(0, 200)}`,
      );
      return;
    }
    await this.act(raw);
    this.received.fire(raw);
  }

  private async act(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        this.flush();
        return;
      case 'refresh':
        return this.refresh();
      case 'export':
        return this.exportReport();
      case 'rendered':
        return;
      case 'problem':
        this.problems.push(message.message);
        this.spec.log?.appendLine(`[panel ${this.spec.kind}] the page reported: ${message.message}`);
        return;
      case 'command':
        try {
          await vscode.commands.executeCommand(message.command, ...(message.args ?? []));
        } catch (error) {
          void vscode.window.showErrorMessage(`ML Lifecycle: ${message.command} failed: ${errorMessage(error)}`);
        }
        return;
    }
  }

  private async exportReport(): Promise<void> {
    if (!this.report) {
      void vscode.window.showWarningMessage('ML Lifecycle: there is no report to export yet.');
      return;
    }
    try {
      await saveReportAsHtml(this.extensionUri, this.report);
    } catch (error) {
      void vscode.window.showErrorMessage(`ML Lifecycle: could not export the report: ${errorMessage(error)}`);
    }
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (ReportPanel.open.get(this.spec.viewType) === (this as unknown as ReportPanel<ReportPayload>)) {
      ReportPanel.open.delete(this.spec.viewType);
    }
    this.disposed.fire();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
