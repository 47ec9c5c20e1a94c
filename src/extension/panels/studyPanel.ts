// The tuning study view: one panel showing one study (opening another study shows it in the
// same panel), live while the study runs. A file watcher on the study's folder and a 1-second
// poll (a few stats; nothing is read unless a file grew or changed) trigger a refresh; one
// refresh runs at a time, and the next waits at least 4× the last summary's cost (at most
// 1.5 s), so a 10,000-trial study does not keep the page redrawing. Each refresh sends the page
// the new summary and only the rows that changed (StudyFeed, run in a worker thread so a
// 10,000-trial summary never holds the extension host); a reloaded page gets all rows.
import * as vscode from 'vscode';
import { studyDir } from '../../core/tuning/studyStore';
import { openStudySource, ThreadStudySource, type StudySource } from '../../core/tuning/studyFeedClient';
import type { ProjectSummary, StudyReport } from '../../protocol/webview';
import { ReportPanel, type ReportSpec } from './reportPanel';

// package.json activates the extension on onWebviewPanel:<this> so the serializer can revive it.
export const STUDY_VIEW_TYPE = 'mlcycle.report.study';

const POLL_MS = 1000;
const MAX_GAP_MS = 1500;

/** The project the study belongs to (the open workspace's), or an error saying what to open. */
export type ProjectOf = () => Promise<ProjectSummary>;

/** Keeps one study's feed fresh while its panel is open. */
class LiveStudy implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy: Promise<void> | undefined;
  private again = false;
  private notBefore = 0;
  private stopped = false;
  /** Refreshes that sent the page something, for tests and the log. */
  updates = 0;

  constructor(
    readonly feed: StudySource,
    private readonly panel: () => ReportPanel<StudyReport> | undefined,
    root: string,
    private readonly log?: vscode.OutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(studyDir(root, feed.studyId)), '*'),
    );
    const poke = () => this.poke();
    this.disposables.push(watcher, watcher.onDidChange(poke), watcher.onDidCreate(poke), watcher.onDidDelete(poke));
    this.timer = setInterval(poke, POLL_MS);
  }

  /** Something may have changed: refresh now, or once the running refresh is done. */
  poke(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    const wait = this.notBefore - performance.now();
    if (wait > 0) {
      this.again = true;
      return;
    }
    this.busy = this.refresh().finally(() => {
      this.busy = undefined;
      if (this.again) {
        this.again = false;
        const gap = Math.max(0, this.notBefore - performance.now());
        setTimeout(() => this.poke(), gap);
      }
    });
  }

  /** Resolves once no refresh is running (tests and the command wait on it). */
  async settled(): Promise<void> {
    while (this.busy) await this.busy;
  }

  private async refresh(): Promise<void> {
    const panel = this.panel();
    if (!panel) return;
    try {
      const update = await this.feed.next();
      if (!update || this.stopped) return;
      const cost = this.feed.lastCost.summaryMs;
      this.notBefore = performance.now() + Math.min(MAX_GAP_MS, 4 * cost);
      panel.updateWith(this.feed.report(), update);
      this.updates += 1;
    } catch (error) {
      this.log?.appendLine(`[study view] ${(error as Error)?.stack ?? error}`);
      panel.showError(`The study could not be read: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    this.stopped = true;
    this.feed.dispose();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

export class StudyPanel {
  private static live: LiveStudy | undefined;

  private static spec(log?: vscode.OutputChannel): ReportSpec<StudyReport> {
    return {
      kind: 'study',
      viewType: STUDY_VIEW_TYPE,
      title: 'Tuning study',
      compute: async () => {
        const live = StudyPanel.live;
        if (!live) throw new Error('No study is open in this panel.');
        await live.settled();
        await live.feed.next();
        return live.feed.report();
      },
      log,
    };
  }

  /** Opens (or reveals) the view on `studyId`, following it from then on. */
  static async show(
    extensionUri: vscode.Uri,
    studyId: string,
    projectOf: ProjectOf,
    log?: vscode.OutputChannel,
  ): Promise<ReportPanel<StudyReport>> {
    const project = await projectOf();
    const existing = StudyPanel.current;
    if (existing && StudyPanel.live?.feed.studyId === studyId) {
      existing.reveal();
      StudyPanel.live.poke();
      return existing;
    }
    const feed = openStudySource(project.root, studyId, project);
    let report: StudyReport;
    try {
      report = await feed.full();
    } catch (error) {
      feed.dispose();
      throw error;
    }
    StudyPanel.follow(feed, project.root, log);
    const panel = ReportPanel.show(extensionUri, StudyPanel.spec(log), report);
    StudyPanel.watchDisposal(panel);
    return panel;
  }

  private static follow(feed: StudySource, root: string, log?: vscode.OutputChannel): void {
    StudyPanel.live?.dispose();
    StudyPanel.live = new LiveStudy(feed, () => StudyPanel.current, root, log);
  }

  private static watchDisposal(panel: ReportPanel<StudyReport>): void {
    const sub = panel.onDidDispose(() => {
      sub.dispose();
      if (StudyPanel.current === undefined || StudyPanel.current === panel) {
        StudyPanel.live?.dispose();
        StudyPanel.live = undefined;
      }
    });
  }

  /** After a window reload: the saved study shows at once and is followed again. */
  static registerSerializer(
    extensionUri: vscode.Uri,
    projectOf: ProjectOf,
    log?: vscode.OutputChannel,
  ): vscode.Disposable {
    const spec = StudyPanel.spec(log);
    return vscode.window.registerWebviewPanelSerializer(STUDY_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const saved = (state as { report?: StudyReport } | undefined)?.report;
        const studyId = saved?.kind === 'study' ? saved.summary?.studyId : undefined;
        if (!studyId || StudyPanel.current) {
          panel.dispose();
          return;
        }
        try {
          const project = await projectOf();
          StudyPanel.follow(openStudySource(project.root, studyId, project), project.root, log);
        } catch (error) {
          log?.appendLine(`[study view] not restored: ${(error as Error).message}`);
          panel.dispose();
          return;
        }
        // Shows the saved report, then a fresh one computed through `spec`.
        await ReportPanel.revive(panel, extensionUri, spec, state);
        const revived = StudyPanel.current;
        if (revived) StudyPanel.watchDisposal(revived);
      },
    });
  }

  static get current(): ReportPanel<StudyReport> | undefined {
    return ReportPanel.get<StudyReport>(STUDY_VIEW_TYPE);
  }

  /** The followed study's id and how many refreshes reached the page (test hook). */
  static get following():
    { studyId: string; updates: number; inThread: boolean; settled: () => Promise<void> } | undefined {
    const live = StudyPanel.live;
    return (
      live && {
        studyId: live.feed.studyId,
        updates: live.updates,
        inThread: live.feed instanceof ThreadStudySource,
        settled: () => live.settled(),
      }
    );
  }
}
