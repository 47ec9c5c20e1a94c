// Which file "Profile Dataset" profiles, from whatever invoked it: a file in the explorer (a
// Uri), a dataset role from the sidebar ('train'), or nothing (a quick pick of the project's
// datasets, or any file). A file that is one of the project's datasets is profiled with the
// project's target, task and thresholds, and its profile is recorded under its role.
import { basename, dirname, resolve } from 'node:path';
import * as vscode from 'vscode';
import { isInside } from '../../core/paths';
import type { ProjectFile } from '../../core/project/projectFile';
import type { ProjectSummary } from '../../protocol/webview';
import type { Services } from '../services';

export interface ProfileTarget {
  /** Absolute path of the data file. */
  file: string;
  /** The folder paths are relative to: the project root, else the file's workspace folder. */
  root: string;
  /** The project's dataset role when the file is one of its datasets. */
  role?: string;
  /** The project, when the file lies inside it. */
  project?: ProjectFile;
}

/** Thrown for a request that cannot be met; the message is for the user. */
export class ProfileTargetError extends Error {}

interface ProjectContext {
  root: string;
  project: ProjectFile;
}

async function currentProject(services: Services): Promise<ProjectContext | undefined> {
  const snapshot = services.model.snapshot ?? (await services.model.refresh());
  const project = snapshot?.state.projectFile.project;
  return snapshot && project ? { root: snapshot.root, project } : undefined;
}

function datasetEntries(context: ProjectContext): Array<[string, string]> {
  return Object.entries(context.project.datasets).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
}

/** The target for a file, with its role when the project lists it. */
export function targetForFile(file: string, context: ProjectContext | undefined, fallbackRoot: string): ProfileTarget {
  if (context && isInside(context.root, file)) {
    const role = datasetEntries(context).find(([, path]) => resolve(context.root, path) === resolve(file))?.[0];
    return { file: resolve(file), root: context.root, project: context.project, ...(role ? { role } : {}) };
  }
  return { file: resolve(file), root: fallbackRoot };
}

function targetForRole(role: string, context: ProjectContext | undefined): ProfileTarget {
  if (!context)
    throw new ProfileTargetError(
      `There is no valid mlcycle.yaml in this workspace, so there is no "${role}" dataset to profile.`,
    );
  const path = context.project.datasets[role as keyof ProjectFile['datasets']];
  if (typeof path !== 'string') {
    const roles = datasetEntries(context)
      .map(([r]) => r)
      .join(', ');
    throw new ProfileTargetError(`mlcycle.yaml names no "${role}" dataset (it has: ${roles}).`);
  }
  return { file: resolve(context.root, path), root: context.root, role, project: context.project };
}

function rootForUri(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath);
}

async function pickFile(context: ProjectContext | undefined): Promise<ProfileTarget | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Profile a data file',
    canSelectMany: false,
    defaultUri: context ? vscode.Uri.file(context.root) : vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { 'Data files': ['csv', 'tsv', 'txt', 'json', 'ndjson', 'jsonl', 'parquet'] },
  });
  const uri = picked?.[0];
  return uri ? targetForFile(uri.fsPath, context, rootForUri(uri)) : undefined;
}

async function pickTarget(context: ProjectContext | undefined): Promise<ProfileTarget | undefined> {
  if (!context) return pickFile(context);
  type Item = vscode.QuickPickItem & { role?: string };
  const items: Item[] = datasetEntries(context).map(([role, path]) => ({ label: role, description: path, role }));
  items.push({ label: '$(folder-opened) Another file…', description: 'Profile any data file' });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Profile which dataset?',
    placeHolder: 'A dataset of the project',
  });
  if (!picked) return undefined;
  return picked.role ? targetForRole(picked.role, context) : pickFile(context);
}

/** Resolves what the command was invoked with; undefined when the user cancelled a picker. */
export async function resolveProfileTarget(services: Services, argument: unknown): Promise<ProfileTarget | undefined> {
  const context = await currentProject(services);
  if (argument instanceof vscode.Uri) {
    if (argument.scheme !== 'file')
      throw new ProfileTargetError(`Only files on disk can be profiled (got ${argument.toString()}).`);
    return targetForFile(argument.fsPath, context, rootForUri(argument));
  }
  if (typeof argument === 'string' && argument !== '') return targetForRole(argument, context);
  return pickTarget(context);
}

/** The target of a report on screen (to profile it again): by role when it has one. */
export async function targetOfReport(
  services: Services,
  report: { role?: string; project: ProjectSummary; profile: { source: { path: string } } },
): Promise<ProfileTarget> {
  const context = await currentProject(services);
  if (report.role && context?.root === report.project.root) return targetForRole(report.role, context);
  const file = resolve(report.project.root, report.profile.source.path);
  return targetForFile(file, context, report.project.root);
}

/**
 * The project summary a report carries. A file outside any project is shown under its folder's
 * name, with no target; the profile report never shows the summary's task (it reads the target
 * analysis, if any, from the profile itself).
 */
export function projectSummaryOf(target: ProfileTarget): ProjectSummary {
  if (target.project) {
    return { name: target.project.name, task: target.project.task, target: target.project.target, root: target.root };
  }
  return { name: basename(target.root) || 'data', task: 'classification', target: '', root: target.root };
}
