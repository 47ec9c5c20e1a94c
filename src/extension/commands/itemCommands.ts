// Commands on a lifecycle item: run its action, show how to do it, and record a decision
// (confirmed, or not applicable) in the decisions document.
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { findItem } from '../../core/lifecycle/checklist';
import { appendDecision, type DecisionKind } from '../../core/decisions';
import { COMMANDS } from '../../protocol/commands';
import { helpUri } from '../lifecycle/itemHelp';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/** The person recording a decision: git's user.name when set, else the OS account. */
function whoAmI(cwd: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 3000 }, (error, stdout) => {
      resolve(!error && stdout.trim() ? stdout.trim() : userInfo().username);
    });
  });
}

function itemIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = arg as { item?: { id?: string } } | undefined;
  return node?.item?.id;
}

async function recordDecision(
  services: Services,
  kind: DecisionKind,
  arg: unknown,
  noteArg?: string,
): Promise<boolean> {
  const id = itemIdOf(arg);
  const item = id ? findItem(id) : undefined;
  const snapshot = services.model.snapshot;
  if (!item || !snapshot?.state.projectFile.project) {
    void vscode.window.showErrorMessage(
      item ? 'Open a valid ML project (mlcycle.yaml) first.' : `Unknown lifecycle item "${id}".`,
    );
    return false;
  }
  if (!requireTrust('Recording a decision writes to the decisions document')) return false;
  const note =
    noteArg ??
    (await vscode.window.showInputBox({
      title: kind === 'confirmed' ? `Confirm: ${item.title}` : `Not applicable: ${item.title}`,
      prompt:
        kind === 'confirmed'
          ? 'What was decided, and why? (kept in the decision record)'
          : 'Why does this practice not apply to this project?',
      validateInput: (text) =>
        text.trim().length < 3 ? 'Write a short reason; it is the point of a decision record.' : undefined,
      ignoreFocusOut: true,
    }));
  if (!note) return false;
  const path = join(snapshot.root, snapshot.state.projectFile.project.documents.decisions);
  try {
    await appendDecision(path, {
      item: item.id,
      decision: kind,
      by: await whoAmI(snapshot.root),
      at: new Date().toISOString(),
      note: note.trim(),
    });
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not record the decision: ${(error as Error).message}`);
    return false;
  }
  await services.model.refresh();
  return true;
}

export function registerItemCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.runItemAction, async (arg: unknown) => {
      const id = itemIdOf(arg);
      const view = services.model.snapshot?.phases.flatMap((p) => p.items).find((i) => i.id === id);
      if (!view) return;
      return vscode.commands.executeCommand(view.action.command, ...(view.action.args ?? []));
    }),
    vscode.commands.registerCommand(COMMANDS.showItemHelp, async (arg: unknown) => {
      const id = itemIdOf(arg);
      if (!id) return;
      await vscode.commands.executeCommand('markdown.showPreviewToSide', helpUri(id));
    }),
    vscode.commands.registerCommand(COMMANDS.confirmItem, (arg: unknown, note?: string) =>
      recordDecision(services, 'confirmed', arg, note),
    ),
    vscode.commands.registerCommand(COMMANDS.markItemNotApplicable, (arg: unknown, note?: string) =>
      recordDecision(services, 'not-applicable', arg, note),
    ),
  ];
}
