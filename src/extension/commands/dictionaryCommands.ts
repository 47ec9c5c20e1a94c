// "ML Lifecycle: Draft Data Dictionary": profile a dataset (or reuse a current profile), draft
// the dictionary from it or merge the news into the user's dictionary, write it atomically, open
// it and say what changed. A dictionary that does not parse is never touched.
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { readBaseline, readTextIfExists, writeBaseline, writeTextAtomic } from '../../core/dictionary/dictionaryFiles';
import { DictionaryError, draftDictionary, type DraftResult } from '../../core/dictionary/draftDictionary';
import { freshProfile } from '../../core/dictionary/freshProfile';
import { parseForMerge } from '../../core/dictionary/mergeDictionary';
import { resolveInside } from '../../core/paths';
import { profileRecord } from '../../core/profile/profileRecord';
import type { DatasetProfile } from '../../core/profile/profileTypes';
import { DATASET_ROLES, type DatasetRole, type ProjectFile } from '../../core/project/projectFile';
import { writeRecord } from '../../core/records';
import { COMMANDS } from '../../protocol/commands';
import type { Services } from '../services';
import { requireTrust } from '../trust';

export interface DraftDictionaryOptions {
  /** Open the dictionary in an editor afterwards (default true). */
  open?: boolean;
}

/** What the command did, for callers and tests. */
export interface DictionaryDraftOutcome extends Omit<DraftResult, 'text' | 'baseline'> {
  /** The dictionary, relative to the project root. */
  path: string;
  /** False when the dictionary was already up to date. */
  written: boolean;
  /** Whether the profile came from a current record rather than a new profiling run. */
  reusedProfile: boolean;
}

interface DatasetChoice {
  absolute: string;
  /** Relative to the project root, with forward slashes. */
  path: string;
  /** The project's role for this file, if it is one of the project's datasets. */
  role?: DatasetRole;
}

const toPosix = (path: string) => path.split('\\').join('/');

/** The dataset to draft from: a role, a file (Uri or path), or the training data. */
function chooseDataset(root: string, project: ProjectFile, arg: unknown): DatasetChoice {
  if (
    arg === undefined ||
    arg === null ||
    (typeof arg === 'string' && (DATASET_ROLES as readonly string[]).includes(arg))
  ) {
    const role = (arg ?? 'train') as DatasetRole;
    const path = project.datasets[role];
    if (!path) throw new Error(`The project has no ${role} dataset (mlcycle.yaml datasets.${role}).`);
    return { absolute: resolveInside(root, path), path: toPosix(path), role };
  }
  const given = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? arg : undefined;
  // Anything else (a sidebar node passed by a menu) means the default: the training data.
  if (given === undefined) return chooseDataset(root, project, undefined);
  const absolute = resolveInside(root, given);
  const role = DATASET_ROLES.find((r) => project.datasets[r] && join(root, project.datasets[r]!) === absolute);
  return { absolute, path: toPosix(relative(root, absolute)), role };
}

/** A current profile record of the role, or a new profile from the worker (recorded for the role). */
async function getProfile(
  services: Services,
  root: string,
  project: ProjectFile,
  dataset: DatasetChoice,
): Promise<{ profile?: DatasetProfile; reused: boolean }> {
  if (dataset.role) {
    const recorded = await freshProfile(root, dataset.role, dataset.absolute);
    if (recorded) return { profile: recorded, reused: true };
  }
  const profile = await services.jobs.run({
    title: `Profiling ${dataset.path} for the data dictionary`,
    job: 'profile',
    params: {
      path: dataset.absolute,
      root,
      target: project.target,
      task: project.task,
      thresholds: project.profile.thresholds,
      sampling: project.profile.sampling,
    },
  });
  if (profile && dataset.role) await writeRecord(root, profileRecord(root, dataset.role, profile));
  return { profile, reused: false };
}

function summary(result: DraftResult, path: string): string {
  const total = result.added.length + result.kept.length;
  if (result.kept.length === 0 && result.removed.length === 0)
    return `${path}: ${total} fields drafted. Fill in the definitions and units.`;
  const parts = [`${total} fields`];
  if (result.added.length) parts.push(`${result.added.length} new`);
  if (result.removed.length) parts.push(`${result.removed.length} removed`);
  if (result.restored.length) parts.push(`${result.restored.length} back in the data`);
  if (result.refreshed.length)
    parts.push(`${result.refreshed.length} observed figure${result.refreshed.length > 1 ? 's' : ''} refreshed`);
  if (result.preserved.length) parts.push(`${result.preserved.length} of your edited figures kept`);
  return `${path}: ${parts.join(', ')}.`;
}

/** Unsaved edits in an editor: writing the file underneath them would set the user up for a conflict. */
function isDirtyInEditor(absolute: string): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'file' && d.uri.fsPath === absolute && d.isDirty);
}

async function showDictionaryError(error: DictionaryError, absolute: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(error.message, 'Open File');
  if (choice !== 'Open File') return;
  const at = new vscode.Position(error.line - 1, error.column - 1);
  await vscode.window.showTextDocument(vscode.Uri.file(absolute), { selection: new vscode.Range(at, at) });
}

export async function draftDataDictionary(
  services: Services,
  arg?: unknown,
  options: DraftDictionaryOptions = {},
): Promise<DictionaryDraftOutcome | undefined> {
  if (!requireTrust('Drafting the data dictionary writes a file')) return undefined;
  const snapshot = services.model.snapshot ?? (await services.model.refresh());
  const project = snapshot?.state.projectFile.project;
  if (!snapshot || !project) {
    void vscode.window.showErrorMessage('Open a valid ML project (mlcycle.yaml) first.');
    return undefined;
  }
  const root = snapshot.root;
  const docPath = toPosix(project.documents.dataDictionary);
  let dataset: DatasetChoice;
  let absolute: string;
  try {
    dataset = chooseDataset(root, project, arg);
    absolute = resolveInside(root, docPath);
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return undefined;
  }
  if (isDirtyInEditor(absolute)) {
    void vscode.window.showErrorMessage(`Save ${docPath} first: re-drafting merges into the saved file.`);
    return undefined;
  }

  const existing = await readTextIfExists(absolute);
  try {
    // Refuse an unmergeable dictionary before spending time on a profile.
    if (existing !== undefined) parseForMerge(existing, docPath);
  } catch (error) {
    if (error instanceof DictionaryError) void showDictionaryError(error, absolute);
    else throw error;
    return undefined;
  }

  const { profile, reused } = await getProfile(services, root, project, dataset);
  if (!profile) return undefined; // cancelled or failed: the job service told the user

  // The file may have changed while the profile ran: merge into what is there now.
  const current = await readTextIfExists(absolute);
  let result: DraftResult;
  try {
    const baseline = current === undefined ? undefined : await readBaseline(root, docPath);
    result = draftDictionary(profile, current, { baseline, file: docPath });
  } catch (error) {
    if (error instanceof DictionaryError) void showDictionaryError(error, absolute);
    else void vscode.window.showErrorMessage(`Could not draft ${docPath}: ${(error as Error).message}`);
    return undefined;
  }
  const written = result.text !== current;
  if (written && isDirtyInEditor(absolute)) {
    void vscode.window.showErrorMessage(`${docPath} was edited while the data was profiled: save it and draft again.`);
    return undefined;
  }
  if (written) await writeTextAtomic(absolute, result.text);
  await writeBaseline(root, docPath, result.baseline);
  await services.model.refresh();

  if (options.open !== false) await vscode.window.showTextDocument(vscode.Uri.file(absolute), { preview: false });
  const message = written ? summary(result, docPath) : `${docPath} is up to date with ${dataset.path}.`;
  void vscode.window.showInformationMessage(message);
  services.log.appendLine(`[dictionary] ${message}${reused ? ' (from the current profile record)' : ''}`);
  const { added, removed, kept, restored, refreshed, preserved } = result;
  return { added, removed, kept, restored, refreshed, preserved, path: docPath, written, reusedProfile: reused };
}

export function registerDictionaryCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.draftDataDictionary, (arg?: unknown, options?: DraftDictionaryOptions) =>
      draftDataDictionary(services, arg, options),
    ),
  ];
}
