// Commands on the project itself: create mlcycle.yaml, open it and the lifecycle documents,
// refresh the derived state.
import { basename, join, relative } from 'node:path';
import * as vscode from 'vscode';
import { initProject as initProjectFile } from '../../core/project/initProject';
import { DOCUMENT_TEMPLATES, type NewProject } from '../../core/project/templates';
import { DEFAULT_DOCUMENTS, PROJECT_FILE, type DocumentKind } from '../../core/project/projectFile';
import { COMMANDS } from '../../protocol/commands';
import type { Services } from '../services';
import { requireTrust } from '../trust';

const DATA_GLOB = '**/*.{csv,tsv,txt,json,ndjson,jsonl,parquet}';

export interface InitProjectArgs {
  folder?: string;
  dataset?: string;
  task?: NewProject['task'];
  target?: string;
  name?: string;
}

async function pickFolder(args: InitProjectArgs): Promise<string | undefined> {
  if (args.folder) return args.folder;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(
      'Open a folder first: an ML project is a folder with mlcycle.yaml at its root.',
    );
    return undefined;
  }
  if (folders.length === 1) return folders[0].uri.fsPath;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new ML project' }))?.uri.fsPath;
}

async function pickDataset(folder: string, args: InitProjectArgs): Promise<string | undefined> {
  if (args.dataset) return args.dataset;
  const files = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, DATA_GLOB),
    '**/{node_modules,.mlcycle,.git}/**',
    500,
  );
  const picked = await vscode.window.showQuickPick(
    files
      .map((f) => relative(folder, f.fsPath))
      .sort()
      .map((label) => ({ label })),
    {
      title: 'Initialize ML project (1/3)',
      placeHolder: files.length ? 'Training dataset' : 'No data files found in this folder',
      ignoreFocusOut: true,
    },
  );
  return picked?.label;
}

/** The target, and the dataset's columns when they were read (so the core can check a given target). */
async function pickTarget(
  services: Services,
  folder: string,
  dataset: string,
  args: InitProjectArgs,
): Promise<{ target: string; columns?: string[] } | undefined> {
  if (args.target) return { target: args.target };
  const result = await services.jobs.run({
    title: `Reading the columns of ${dataset}`,
    job: 'inspect',
    params: { path: dataset, root: folder },
  });
  const columns = result?.columns ?? [];
  if (columns.length === 0) {
    const typed = await vscode.window.showInputBox({
      title: 'Initialize ML project (3/3)',
      prompt: 'Name of the column to predict',
      ignoreFocusOut: true,
    });
    return typed ? { target: typed } : undefined;
  }
  const picked = await vscode.window.showQuickPick(
    columns.map((label) => ({ label })),
    {
      title: 'Initialize ML project (3/3)',
      placeHolder: 'Column to predict (the target)',
      ignoreFocusOut: true,
    },
  );
  return picked ? { target: picked.label, columns } : undefined;
}

async function initProject(services: Services, args: InitProjectArgs = {}): Promise<string | undefined> {
  if (!requireTrust('Initializing a project writes mlcycle.yaml')) return undefined;
  const folder = await pickFolder(args);
  if (!folder) return undefined;
  const file = join(folder, PROJECT_FILE);
  try {
    await vscode.workspace.fs.stat(vscode.Uri.file(file));
    void vscode.window.showInformationMessage(`${basename(folder)} already has ${PROJECT_FILE}.`);
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    return file;
  } catch {
    // none yet: create it
  }
  const dataset = await pickDataset(folder, args);
  if (!dataset) return undefined;
  const task =
    args.task ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'classification' as const, detail: 'Predict a category (species, churn yes/no ...)' },
          { label: 'regression' as const, detail: 'Predict a number (price, miles per gallon ...)' },
        ],
        { title: 'Initialize ML project (2/3)', placeHolder: 'What does the model predict?', ignoreFocusOut: true },
      )
    )?.label;
  if (!task) return undefined;
  const picked = await pickTarget(services, folder, dataset, args);
  if (!picked) return undefined;
  try {
    await initProjectFile({ folder, dataset, task, target: picked.target, name: args.name, columns: picked.columns });
  } catch (error) {
    void vscode.window.showErrorMessage(`ML Lifecycle: ${(error as Error).message}`);
    return undefined;
  }
  await services.model.locate();
  if (!args.folder) await vscode.window.showTextDocument(vscode.Uri.file(file));
  return file;
}

/** Opens a lifecycle document, creating it from its template when it does not exist yet. */
async function openDocument(services: Services, kind: DocumentKind): Promise<vscode.Uri | undefined> {
  const snapshot = services.model.snapshot;
  const project = snapshot?.state.projectFile.project;
  if (!snapshot || !project || !(kind in DEFAULT_DOCUMENTS)) {
    void vscode.window.showErrorMessage('Open a valid ML project (mlcycle.yaml) first.');
    return undefined;
  }
  const uri = vscode.Uri.file(join(snapshot.root, project.documents[kind]));
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    if (!requireTrust(`Creating ${project.documents[kind]} writes a file`)) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(DOCUMENT_TEMPLATES[kind]));
    await services.model.refresh();
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}

export function registerProjectCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.initProject, (args?: InitProjectArgs) => initProject(services, args)),
    vscode.commands.registerCommand(COMMANDS.refresh, () => services.model.locate()),
    vscode.commands.registerCommand(COMMANDS.openProjectFile, async () => {
      const root = services.model.projectRoot;
      if (!root) return vscode.commands.executeCommand(COMMANDS.initProject);
      await vscode.window.showTextDocument(vscode.Uri.file(join(root, PROJECT_FILE)));
    }),
    vscode.commands.registerCommand(COMMANDS.openDocument, (kind: DocumentKind) => openDocument(services, kind)),
  ];
}
