// Activation: wire the services together, cheaply. Nothing heavy happens here: the worker
// process starts with the first job, reports load their bundles when opened.
import * as vscode from 'vscode';
import { registerDictionaryCommands } from './commands/dictionaryCommands';
import { registerItemCommands } from './commands/itemCommands';
import { registerDocumentCommands } from './language/documentCommands';
import { registerModelCardCommands } from './commands/modelCardCommands';
import { LifecycleLanguageClient } from './language/lifecycleLanguageClient';
import { registerJobCommands } from './commands/jobCommands';
import { registerModelCommands } from './commands/modelCommands';
import { registerProfileCommands } from './commands/profileCommands';
import { registerProjectCommands } from './commands/projectCommands';
import { registerTuningCommands } from './commands/tuningCommands';
import { registerExplainCommands } from './commands/explainCommands';
import { registerExplainPrediction } from './commands/explainPrediction';
import { registerPackageCommands } from './commands/packageCommands';
import { registerValidationCommands } from './commands/validationCommands';
import { ComparePanel } from './panels/comparePanel';
import { EvaluationPanel } from './panels/evaluationPanel';
import { PredictionPanel } from './panels/predictionPanel';
import { OverviewPanel } from './panels/overviewPanel';
import { ProfilePanel } from './panels/profilePanel';
import { registerPanels } from './panels/registerPanels';
import { registerStudyView } from './panels/registerStudyView';
import { StudyPanel } from './panels/studyPanel';
import { JobService } from './jobService';
import { HELP_SCHEME, ItemHelpProvider } from './lifecycle/itemHelp';
import { LifecycleTree, type LifecycleNode } from './lifecycle/lifecycleTree';
import { ProjectModel } from './project/projectModel';
import { RunsTree, type RunsNode } from './runs/runsTree';
import type { Services } from './services';
import { isTrusted } from './trust';

/** What activate() returns: used by the integration tests, and by other extensions. */
export interface MlcycleApi {
  /** Time spent in activate(), in milliseconds. */
  activationMs: number;
  services: Services;
  tree: LifecycleTree;
  /** The open overview panel, if any. */
  overviewPanel(): typeof OverviewPanel.current;
  /** The open EDA profile panel, if any. */
  profilePanel(): typeof ProfilePanel.current;
  /** The Runs view's provider (its runs, and the ticked ones). */
  runsTree: RunsTree;
  /** The open evaluation report, if any. */
  evaluationPanel(): typeof EvaluationPanel.current;
  /** The open run comparison, if any. */
  comparePanel(): typeof ComparePanel.current;
  /** The open "Explain Prediction" panel, if any. */
  predictionPanel(): typeof PredictionPanel.current;
  /** The open tuning study view, if any, and the study it follows. */
  studyPanel(): typeof StudyPanel.current;
  studyFollowing(): typeof StudyPanel.following;
  /** The client of the lifecycle documents' language server (started lazily). */
  languageClient: LifecycleLanguageClient;
}

let languageClient: LifecycleLanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): MlcycleApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('ML Lifecycle');
  const model = new ProjectModel(log);
  const jobs = new JobService(context, log);
  const services: Services = { context, log, model, jobs };

  const tree = new LifecycleTree(model, isTrusted, () => view);
  const view: vscode.TreeView<LifecycleNode> = vscode.window.createTreeView('mlcycle.lifecycle', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  const runsTree = new RunsTree(model);
  const runsView: vscode.TreeView<RunsNode> = vscode.window.createTreeView('mlcycle.runs', {
    treeDataProvider: runsTree,
    showCollapseAll: true,
    manageCheckboxStateManually: true,
  });

  context.subscriptions.push(
    log,
    model,
    jobs,
    tree,
    view,
    runsTree,
    runsView,
    runsView.onDidChangeCheckboxState((event) => runsTree.setChecked(event.items)),
    vscode.workspace.registerTextDocumentContentProvider(HELP_SCHEME, new ItemHelpProvider(model)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => tree.refresh()),
    ...registerProjectCommands(services),
    ...registerItemCommands(services),
    ...registerJobCommands(services),
    ...registerProfileCommands(services),
    ...registerDictionaryCommands(services),
    ...registerValidationCommands(services),
    ...registerModelCommands(services, runsTree),
    ...registerTuningCommands(services),
    ...registerExplainCommands(services),
    ...registerExplainPrediction(services),
    ...registerPackageCommands(services),
    ...registerPanels(services),
    ...registerStudyView(services),
    ...registerDocumentCommands(),
    ...registerModelCardCommands(services),
  );

  languageClient = new LifecycleLanguageClient(context, model);
  const client = languageClient;

  // Finding the project reads files: let activation return first.
  // The language server starts after activation returns, once there is a project or a document of ours.
  void model.locate().finally(() => client.startWhenNeeded());

  const activationMs = performance.now() - started;
  log.appendLine(`[activate] ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    services,
    tree,
    runsTree,
    languageClient: client,
    overviewPanel: () => OverviewPanel.current,
    profilePanel: () => ProfilePanel.current,
    evaluationPanel: () => EvaluationPanel.current,
    comparePanel: () => ComparePanel.current,
    predictionPanel: () => PredictionPanel.current,
    studyPanel: () => StudyPanel.current,
    studyFollowing: () => StudyPanel.following,
  };
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is in context.subscriptions; the language server is stopped and awaited.
  const stopping = languageClient?.stop();
  languageClient = undefined;
  return stopping;
}
