// Wires the report panels to the project model: the "Show overview" command, revival after a
// window reload, and live updates when the project's files change.
import * as vscode from 'vscode';
import { buildOverviewReport } from '../../core/lifecycle/overviewReport';
import { PROJECT_FILE } from '../../core/project/projectFile';
import { COMMANDS } from '../../protocol/commands';
import type { OverviewReport } from '../../protocol/webview';
import type { ProjectSnapshot } from '../project/projectModel';
import type { Services } from '../services';
import { OverviewPanel } from './overviewPanel';

/** The overview of a snapshot, or an error that says what to fix and where. */
function overviewOf(snapshot: ProjectSnapshot | undefined): OverviewReport {
  if (!snapshot) throw new Error(`No ${PROJECT_FILE} in this workspace: run "ML Lifecycle: Initialize project" first.`);
  const report = buildOverviewReport(snapshot.state, snapshot.phases);
  if (report) return report;
  const problem = snapshot.state.projectFile.problems[0];
  const where = problem ? ` (line ${problem.start.line}, column ${problem.start.column}: ${problem.message})` : '';
  throw new Error(`${snapshot.root}/${PROJECT_FILE} is not a valid project file${where}.`);
}

export function registerPanels(services: Services): vscode.Disposable[] {
  const { context, model, log } = services;
  // While the provider recomputes, the model's change event carries the same snapshot: skip it.
  let computing = 0;
  const provider = async (): Promise<OverviewReport> => {
    computing += 1;
    try {
      return overviewOf(await model.refresh());
    } finally {
      computing -= 1;
    }
  };
  return [
    vscode.commands.registerCommand(COMMANDS.showOverview, () => {
      OverviewPanel.show(context, provider, log);
    }),
    OverviewPanel.registerSerializer(context, provider, log),
    model.onDidChange((snapshot) => {
      if (computing > 0 || !OverviewPanel.current) return;
      try {
        OverviewPanel.update(overviewOf(snapshot));
      } catch (error) {
        OverviewPanel.current?.showError((error as Error).message);
      }
    }),
  ];
}
