// "ML Lifecycle: Draft Data Dictionary": profile a dataset (or reuse a current profile), draft
// the dictionary from it or merge the news into the user's dictionary, write it atomically, open
// it and say what changed. The work is the core's draftDictionaryFile (shared with `mlcycle
// draft-dictionary`); this adds the editor's parts: trust, unsaved edits, the worker, messages.
import * as vscode from 'vscode';
import { DictionaryError } from '../../core/dictionary/draftDictionary';
import { draftDictionaryFile, type DictionaryDraftOutcome } from '../../core/dictionary/draftDictionaryFile';
import { resolveInside } from '../../core/paths';
import { COMMANDS } from '../../protocol/commands';
import type { Services } from '../services';
import { requireTrust } from '../trust';

export type { DictionaryDraftOutcome } from '../../core/dictionary/draftDictionaryFile';

export interface DraftDictionaryOptions {
  /** Open the dictionary in an editor afterwards (default true). */
  open?: boolean;
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

/** A role name or a file (Uri or path); anything else (a sidebar node passed by a menu) means the training data. */
function datasetArgument(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  return typeof arg === 'string' ? arg : undefined;
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
  const docPath = project.documents.dataDictionary;
  let absolute: string;
  try {
    absolute = resolveInside(root, docPath);
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return undefined;
  }
  if (isDirtyInEditor(absolute)) {
    void vscode.window.showErrorMessage(`Save ${docPath} first: re-drafting merges into the saved file.`);
    return undefined;
  }

  let outcome: DictionaryDraftOutcome | undefined;
  try {
    outcome = await draftDictionaryFile(root, project, datasetArgument(arg), {
      profile: (params, dataset) =>
        services.jobs.run({ title: `Profiling ${dataset.path} for the data dictionary`, job: 'profile', params }),
      beforeWrite: (file) => {
        if (isDirtyInEditor(file))
          throw new Error(`${docPath} was edited while the data was profiled: save it and draft again.`);
      },
    });
  } catch (error) {
    if (error instanceof DictionaryError) void showDictionaryError(error, absolute);
    else void vscode.window.showErrorMessage((error as Error).message);
    return undefined;
  }
  if (!outcome) return undefined; // cancelled or failed: the job service told the user
  await services.model.refresh();

  if (options.open !== false) await vscode.window.showTextDocument(vscode.Uri.file(absolute), { preview: false });
  void vscode.window.showInformationMessage(outcome.message);
  services.log.appendLine(
    `[dictionary] ${outcome.message}${outcome.reusedProfile ? ' (from the current profile record)' : ''}`,
  );
  return outcome;
}

export function registerDictionaryCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.draftDataDictionary, (arg?: unknown, options?: DraftDictionaryOptions) =>
      draftDataDictionary(services, arg, options),
    ),
  ];
}
