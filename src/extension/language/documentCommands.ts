// "ML Lifecycle: New Charter": the project charter from its template (with guidance in comments)
// when the project has none, never written over an existing one; opened either way. Creating and
// opening is the "open lifecycle document" command's job, reused here.
import * as vscode from 'vscode';
import { COMMANDS } from '../../protocol/commands';

export function registerDocumentCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.newCharter, () =>
      vscode.commands.executeCommand<vscode.Uri | undefined>(COMMANDS.openDocument, 'charter'),
    ),
  ];
}
