// The lifecycle sidebar: five phases, each a checklist whose items' statuses come from the
// project's files. Clicking an item runs its action (open the document, run the job, record
// a decision, or show how to do it).
import * as vscode from 'vscode';
import { statusCounts } from '../../core/lifecycle/checklist';
import { findItem } from '../../core/lifecycle/checklist';
import type { ItemStatus, ItemView, PhaseView } from '../../core/lifecycle/model';
import { COMMANDS } from '../../protocol/commands';
import type { ProjectModel, ProjectSnapshot } from '../project/projectModel';

type Node =
  | { kind: 'notice'; label: string; detail: string; icon: string; command?: vscode.Command }
  | { kind: 'phase'; phase: PhaseView }
  | { kind: 'item'; item: ItemView };

const STATUS_ICON: Record<ItemStatus, vscode.ThemeIcon> = {
  passing: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  failing: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  stale: new vscode.ThemeIcon('history', new vscode.ThemeColor('list.warningForeground')),
  missing: new vscode.ThemeIcon('circle-large-outline'),
  na: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

const STATUS_WORD: Record<ItemStatus, string> = {
  passing: 'passing',
  failing: 'failing',
  stale: 'stale',
  missing: 'missing',
  na: 'not applicable',
};

export class LifecycleTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly model: ProjectModel,
    private readonly trusted: () => boolean,
    private readonly view: () => vscode.TreeView<Node> | undefined,
  ) {
    this.subscription = model.onDidChange((snapshot) => {
      this.updateBadge(snapshot);
      this.changed.fire(undefined);
    });
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  private updateBadge(snapshot: ProjectSnapshot | undefined): void {
    const view = this.view();
    if (!view) return;
    const counts = statusCounts(snapshot?.phases.flatMap((p) => p.items) ?? []);
    view.badge =
      counts.failing > 0 ? { value: counts.failing, tooltip: `${counts.failing} failing lifecycle checks` } : undefined;
    view.message = snapshot ? undefined : view.message;
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'phase') return node.phase.items.map((item) => ({ kind: 'item', item }));
    if (node) return [];
    const snapshot = this.model.snapshot;
    // Without a project the view shows its welcome content (package.json viewsWelcome).
    if (!snapshot) return [];
    const notices: Node[] = [];
    if (!this.trusted()) {
      notices.push({
        kind: 'notice',
        icon: 'shield',
        label: 'Restricted mode: jobs are off',
        detail:
          'This workspace is not trusted, so ML Lifecycle only reads files: no job runs and nothing is written. Trust the workspace to run profiling, validation and training.',
        command: { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' },
      });
    }
    const problem = snapshot.state.projectFile.problems.find((p) => p.severity === 'error');
    if (problem) {
      notices.push({
        kind: 'notice',
        icon: 'error',
        label: `mlcycle.yaml:${problem.start.line}:${problem.start.column} ${problem.message}`,
        detail: 'The project file is invalid; fix it to see the lifecycle derived from your files.',
        command: { title: 'Open mlcycle.yaml', command: COMMANDS.openProjectFile },
      });
    }
    for (const bad of snapshot.state.unreadableRecords.slice(0, 3)) {
      notices.push({
        kind: 'notice',
        icon: 'warning',
        label: `Unreadable record: ${bad}`,
        detail:
          'This record is not valid JSON or is from another version; it is ignored. Re-run the job that writes it.',
      });
    }
    return [...notices, ...snapshot.phases.map((phase): Node => ({ kind: 'phase', phase }))];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'notice') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.tooltip = node.detail;
      item.command = node.command;
      item.contextValue = 'notice';
      return item;
    }
    if (node.kind === 'phase') {
      const counts = statusCounts(node.phase.items);
      const applicable = node.phase.items.length - counts.na;
      const item = new vscode.TreeItem(node.phase.title, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `phase:${node.phase.id}`;
      item.description = `${counts.passing}/${applicable} passing${counts.failing ? ` · ${counts.failing} failing` : ''}${counts.stale ? ` · ${counts.stale} stale` : ''}`;
      item.iconPath = new vscode.ThemeIcon(
        counts.failing ? 'error' : counts.passing === applicable ? 'pass-filled' : 'circle-large-outline',
      );
      item.contextValue = 'phase';
      return item;
    }
    const { item: view } = node;
    const item = new vscode.TreeItem(view.title, vscode.TreeItemCollapsibleState.None);
    item.id = `item:${view.id}`;
    item.description = view.detail;
    item.iconPath = STATUS_ICON[view.status];
    item.accessibilityInformation = { label: `${view.title}: ${STATUS_WORD[view.status]}. ${view.detail}` };
    const definition = findItem(view.id);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${view.title}** — $(${STATUS_ICON[view.status].id}) ${STATUS_WORD[view.status]}\n\n`);
    tooltip.appendText(view.detail);
    if (definition)
      tooltip.appendMarkdown(`\n\n---\n\n*Practice:* ${definition.practice}\n\n*Evidence:* ${definition.evidence}`);
    item.tooltip = tooltip;
    item.command = { title: view.action.label, command: COMMANDS.runItemAction, arguments: [view.id] };
    item.contextValue = `item.${view.status}${view.confirmable ? '.confirmable' : ''}`;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export type { Node as LifecycleNode };
