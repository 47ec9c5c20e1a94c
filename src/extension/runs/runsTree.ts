// The "Runs" view: every training run of the project, newest first (id, date, best model and
// its primary metric, pass / fail), with its models as children (metric and change against the
// baseline, flagged when they do not beat it or failed). Checkboxes select runs for "Compare
// Selected Runs". It reads the run records the project model already collects, so it updates
// with the model's file watcher when anything under .mlcycle/runs changes.
import * as vscode from 'vscode';
import type { RunModelResult } from '../../core/model/runTypes';
import { COMMANDS } from '../../protocol/commands';
import type { ProjectModel } from '../project/projectModel';
import { formatMetricValue } from './runFormat';
import { bestModelOf, judgedValue, runOutcome, runRecordsOf, shortDate, type RunRecord } from './runRecords';

export type RunsNode =
  { kind: 'run'; record: RunRecord; stale: boolean } | { kind: 'model'; record: RunRecord; model: RunModelResult };

function outcomeOf(record: RunRecord): 'pass' | 'fail' | undefined {
  return record.outcome ?? runOutcome(record.data);
}

export class RunsTree implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Run ids whose checkbox is ticked; kept across refreshes while the run exists. */
  readonly checked = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: ProjectModel) {
    this.subscription = model.onDidChange(() => this.refresh());
  }

  refresh(): void {
    const ids = new Set(this.runs().map((r) => r.record.name));
    for (const id of [...this.checked]) if (!ids.has(id)) this.checked.delete(id);
    this.changed.fire(undefined);
  }

  /** Every run record of the project, newest first, with whether its inputs changed since. */
  runs(): Array<{ record: RunRecord; stale: boolean }> {
    const facts = this.model.snapshot?.state.records.run ?? [];
    const stale = new Map(facts.map((f) => [f.record.name, f.inputs !== 'unchanged']));
    return runRecordsOf(facts.map((f) => f.record)).map((record) => ({
      record,
      stale: stale.get(record.name) ?? false,
    }));
  }

  /** Called by the view when checkboxes change. */
  setChecked(items: ReadonlyArray<readonly [RunsNode, vscode.TreeItemCheckboxState]>): void {
    for (const [node, state] of items) {
      if (node.kind !== 'run') continue;
      if (state === vscode.TreeItemCheckboxState.Checked) this.checked.add(node.record.name);
      else this.checked.delete(node.record.name);
    }
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) return this.runs().map(({ record, stale }) => ({ kind: 'run', record, stale }));
    if (node.kind === 'run')
      return node.record.data.models.map((model) => ({ kind: 'model', record: node.record, model }));
    return [];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    return node.kind === 'run' ? this.runItem(node.record, node.stale) : this.modelItem(node.record, node.model);
  }

  private runItem(record: RunRecord, stale: boolean): vscode.TreeItem {
    const run = record.data;
    const item = new vscode.TreeItem(run.runId, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `run:${run.runId}`;
    const best = bestModelOf(run);
    const value = best && judgedValue(best, run.primaryMetric);
    const headline = best
      ? `${best.name} ${run.primaryMetric} ${value ? formatMetricValue(value.value) : '—'}`
      : 'no model';
    item.description = `${shortDate(record.createdAt)} · ${headline}${stale ? ' · stale' : ''}`;
    const outcome = outcomeOf(record);
    item.iconPath =
      outcome === 'pass'
        ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
        : outcome === 'fail'
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
          : new vscode.ThemeIcon('circle-large-outline');
    item.checkboxState = this.checked.has(run.runId)
      ? vscode.TreeItemCheckboxState.Checked
      : vscode.TreeItemCheckboxState.Unchecked;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(
      `**Run ${run.runId}** — ${outcome === 'pass' ? '$(pass-filled) pass' : outcome === 'fail' ? '$(error) fail' : 'no verdict'}\n\n`,
    );
    tooltip.appendText(
      `${record.summary ?? headline}\n${run.task} of ${run.target} · spec ${run.specPath} · ${run.rows.train} training rows · seed ${run.seed}`,
    );
    for (const failure of run.failures ?? []) tooltip.appendText(`\n✗ ${failure}`);
    if (stale) tooltip.appendText('\nIts data or spec changed since: train again to bring it up to date.');
    item.tooltip = tooltip;
    item.contextValue = 'run';
    item.command = { title: 'Open Evaluation Report', command: COMMANDS.openEvaluationReport, arguments: [run.runId] };
    item.accessibilityInformation = { label: `Run ${run.runId}, ${item.description}, ${outcome ?? 'no verdict'}` };
    return item;
  }

  private modelItem(record: RunRecord, model: RunModelResult): vscode.TreeItem {
    const run = record.data;
    const item = new vscode.TreeItem(model.name, vscode.TreeItemCollapsibleState.None);
    item.id = `run:${run.runId}/${model.name}`;
    const value = judgedValue(model, run.primaryMetric);
    const vs = model.vsBaseline;
    const parts = [model.kind];
    if (model.error) parts.push('failed');
    else {
      if (value)
        parts.push(`${run.primaryMetric} ${formatMetricValue(value.value)}${value.on === 'cv' ? ' (CV)' : ''}`);
      if (model.baseline) parts.push('baseline');
      else if (vs)
        parts.push(
          `${vs.delta >= 0 ? '+' : '−'}${formatMetricValue(Math.abs(vs.delta))} vs baseline${vs.beats ? '' : ': does not beat it'}`,
        );
    }
    if (model.name === run.bestModel) parts.push('best');
    item.description = parts.join(' · ');
    item.iconPath = model.error
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
      : model.baseline
        ? new vscode.ThemeIcon('symbol-constant')
        : vs && !vs.beats
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon(model.name === run.bestModel ? 'star-full' : 'symbol-class');
    item.tooltip = model.error ?? `${model.name} (${model.kind}) in run ${run.runId}`;
    item.contextValue = model.error ? 'runModel.failed' : 'runModel';
    item.command = {
      title: 'Open Evaluation Report',
      command: COMMANDS.openEvaluationReport,
      arguments: [run.runId, model.name],
    };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
