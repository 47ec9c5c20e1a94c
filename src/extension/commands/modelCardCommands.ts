// "ML Lifecycle: Generate Model Card" and "ML Lifecycle: Export Model Card". Generation reads
// the charter, the data dictionary and a run (the newest, or one picked), merges into the card
// without touching what the user wrote, writes it atomically and opens it; a card with YAML
// errors is left alone and the error shown at its position. Export writes Markdown or HTML
// next to the card. Both write files, so both need a trusted workspace, like every writing command.
import { basename, relative } from 'node:path';
import * as vscode from 'vscode';
import { readRecords } from '../../core/records';
import { ModelCardError } from '../../core/modelCard/modelCardError';
import { cardForExport, writeModelCard, type WriteModelCardResult } from '../../core/modelCard/writeModelCard';
import { exportPathFor } from '../../core/modelCard/modelCardFiles';
import { modelCardToHtml } from '../../core/modelCard/exportHtml';
import { modelCardToMarkdown } from '../../core/modelCard/exportMarkdown';
import { writeTextAtomic } from '../../core/modelCard/modelCardFiles';
import { resolveInside } from '../../core/paths';
import type { Services } from '../services';
import { requireTrust } from '../trust';
import { COMMANDS } from '../../protocol/commands';

const MODEL_CARD_COMMANDS = {
  generateModelCard: COMMANDS.generateModelCard,
  exportModelCard: COMMANDS.exportModelCard,
} as const;

export interface GenerateModelCardArgs {
  /** The run to describe; default: picked (newest first) when there are several. */
  run?: string;
  /** Open the card afterwards (default true). */
  open?: boolean;
}

async function projectRoot(services: Services): Promise<{ root: string; card: string } | undefined> {
  const snapshot = services.model.snapshot ?? (await services.model.refresh());
  const project = snapshot?.state.projectFile.project;
  if (!snapshot || !project) {
    void vscode.window.showErrorMessage('Open a valid ML project (mlcycle.yaml) first.');
    return undefined;
  }
  return { root: snapshot.root, card: resolveInside(snapshot.root, project.documents.modelCard) };
}

const isDirtyInEditor = (absolute: string) =>
  vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'file' && d.uri.fsPath === absolute && d.isDirty);

async function showError(error: unknown, root: string): Promise<void> {
  if (!(error instanceof ModelCardError) || !error.file || !error.line) {
    void vscode.window.showErrorMessage(`Model card: ${(error as Error).message}`);
    return;
  }
  const choice = await vscode.window.showErrorMessage(error.message, 'Open File');
  if (choice !== 'Open File') return;
  const at = new vscode.Position(error.line - 1, (error.column ?? 1) - 1);
  await vscode.window.showTextDocument(vscode.Uri.file(resolveInside(root, error.file)), {
    selection: new vscode.Range(at, at),
  });
}

/** The newest run, or the one the user picks when there are several (newest first, Enter takes it). */
async function pickRun(root: string): Promise<string | undefined | null> {
  const { records } = await readRecords(root, 'run');
  if (records.length <= 1) return records[0]?.name;
  const items = records.map((r, i) => ({
    label: r.name,
    description: i === 0 ? 'newest' : undefined,
    detail: r.summary,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Generate the model card from which run?',
    placeHolder: 'The newest run is first',
  });
  return picked ? picked.label : null;
}

export async function generateModelCardCommand(
  services: Services,
  args: GenerateModelCardArgs = {},
): Promise<WriteModelCardResult | undefined> {
  if (!requireTrust('Generating the model card writes a file')) return undefined;
  const project = await projectRoot(services);
  if (!project) return undefined;
  const { root, card } = project;
  if (isDirtyInEditor(card)) {
    void vscode.window.showErrorMessage(`Save ${relative(root, card)} first: generation merges into the saved file.`);
    return undefined;
  }
  const run = args.run ?? (await pickRun(root));
  if (run === null) return undefined; // picking cancelled
  let result: WriteModelCardResult;
  try {
    result = await writeModelCard({ root, run });
  } catch (error) {
    void showError(error, root);
    return undefined;
  }
  await services.model.refresh();
  if (args.open !== false) await vscode.window.showTextDocument(vscode.Uri.file(result.card), { preview: false });
  const kept = result.changes.filter((c) => c.includes('kept')).length;
  const message = result.written
    ? `${basename(result.card)}: generated from run ${result.run}${kept ? `; ${kept} of your edits kept` : ''}.`
    : `${basename(result.card)} is up to date with run ${result.run}.`;
  void vscode.window.showInformationMessage(message);
  services.log.appendLine(
    `[model card] ${message}${result.changes.length ? `\n  ${result.changes.join('\n  ')}` : ''}`,
  );
  return result;
}

export async function exportModelCardCommand(
  services: Services,
  format?: 'markdown' | 'html',
): Promise<string | undefined> {
  if (!requireTrust('Exporting the model card writes a file')) return undefined;
  const project = await projectRoot(services);
  if (!project) return undefined;
  const { root, card } = project;
  const chosen =
    format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'Markdown', value: 'markdown' as const },
          { label: 'HTML', description: 'one self-contained page', value: 'html' as const },
        ],
        { title: 'Export the model card as' },
      )
    )?.value;
  if (!chosen) return undefined;
  // What the user sees: the editor's text when the card is open, else the file.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === card);
  let text: string;
  try {
    text = open
      ? open.getText()
      : Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(card))).toString('utf8');
  } catch {
    void vscode.window.showErrorMessage(
      `No model card at ${relative(root, card)}: run "ML Lifecycle: Generate Model Card" first.`,
    );
    return undefined;
  }
  let output: string;
  try {
    const parsed = cardForExport(text, relative(root, card));
    output = chosen === 'markdown' ? modelCardToMarkdown(parsed) : modelCardToHtml(parsed);
  } catch (error) {
    void showError(error, root);
    return undefined;
  }
  const target = exportPathFor(card, chosen === 'markdown' ? 'md' : 'html');
  await writeTextAtomic(target, output);
  void vscode.window
    .showInformationMessage(`Model card exported to ${relative(root, target)}.`, 'Open')
    .then((choice) => {
      if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(target));
    });
  return target;
}

export function registerModelCardCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(MODEL_CARD_COMMANDS.generateModelCard, (args?: unknown) =>
      generateModelCardCommand(
        services,
        typeof args === 'string'
          ? { run: args }
          : args && typeof args === 'object' && !(args instanceof vscode.Uri)
            ? (args as GenerateModelCardArgs)
            : {},
      ),
    ),
    vscode.commands.registerCommand(MODEL_CARD_COMMANDS.exportModelCard, (format?: unknown) =>
      exportModelCardCommand(services, format === 'markdown' || format === 'html' ? format : undefined),
    ),
  ];
}
