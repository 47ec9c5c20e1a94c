// The open project as the extension sees it: where mlcycle.yaml is, the state collected from
// its files, and the checklist derived from that state. Recomputed (debounced) when any file
// of the project changes, so the sidebar always reflects the files, never a memory of them.
// The problems it collects feed the sidebar; the editor's diagnostics for the same files come
// from the language server (src/server), the one source of document diagnostics.
import * as vscode from 'vscode';
import { deriveChecklist } from '../../core/lifecycle/checklist';
import type { PhaseView } from '../../core/lifecycle/model';
import { collectProjectState, type ProjectState } from '../../core/lifecycle/projectState';
import { PROJECT_FILE } from '../../core/project/projectFile';

export interface ProjectSnapshot {
  root: string;
  state: ProjectState;
  phases: PhaseView[];
}

const DEBOUNCE_MS = 300;

export class ProjectModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProjectSnapshot | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watcher: vscode.FileSystemWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private current: ProjectSnapshot | undefined;
  private root: string | undefined;
  private pending: Promise<ProjectSnapshot | undefined> | undefined;

  constructor(private readonly log: vscode.OutputChannel) {
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.locate()));
  }

  get snapshot(): ProjectSnapshot | undefined {
    return this.current;
  }

  get projectRoot(): string | undefined {
    return this.root;
  }

  /** Finds the project: a workspace folder with mlcycle.yaml at its root, else the shallowest one below. */
  async locate(): Promise<string | undefined> {
    let root: string | undefined;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, PROJECT_FILE));
        root = folder.uri.fsPath;
        break;
      } catch {
        // not at this folder's root
      }
    }
    if (!root) {
      const found = await vscode.workspace.findFiles(`**/${PROJECT_FILE}`, '**/node_modules/**', 20);
      found.sort((a, b) => a.fsPath.split(/[\\/]/).length - b.fsPath.split(/[\\/]/).length);
      if (found[0]) root = vscode.Uri.joinPath(found[0], '..').fsPath;
    }
    if (root !== this.root) {
      this.root = root;
      this.watch();
    }
    await vscode.commands.executeCommand('setContext', 'mlcycle.hasProject', root !== undefined);
    await this.refresh();
    return root;
  }

  private watch(): void {
    this.watcher?.dispose();
    const base = this.root ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!base) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, '**/*'));
    const onChange = (uri: vscode.Uri) => {
      if (/[\\/](node_modules|\.git)[\\/]/.test(uri.fsPath) || uri.fsPath.endsWith('.tmp')) return;
      if (!this.root && uri.fsPath.endsWith(PROJECT_FILE)) void this.locate();
      else this.schedule();
    };
    this.watcher.onDidCreate(onChange);
    this.watcher.onDidChange(onChange);
    this.watcher.onDidDelete((uri) => (uri.fsPath.endsWith(PROJECT_FILE) ? void this.locate() : onChange(uri)));
  }

  /** Recomputes soon; many file events in a burst cost one recomputation. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  /** Recomputes now. Concurrent callers share one computation. */
  refresh(): Promise<ProjectSnapshot | undefined> {
    clearTimeout(this.timer);
    this.pending ??= this.compute().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async compute(): Promise<ProjectSnapshot | undefined> {
    const root = this.root;
    if (!root) {
      this.current = undefined;
      this.changed.fire(undefined);
      return undefined;
    }
    try {
      const state = await collectProjectState(root);
      this.current = { root, state, phases: deriveChecklist(state) };
    } catch (error) {
      this.log.appendLine(`[project] could not read ${root}: ${(error as Error).stack ?? error}`);
    }
    this.changed.fire(this.current);
    return this.current;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
