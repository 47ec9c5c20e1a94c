// Workspace Trust: in an untrusted folder ML Lifecycle reads and shows, but runs no job and
// writes nothing. Every command that would do either asks here first.
import * as vscode from 'vscode';

export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** True when trusted; otherwise explains why `what` cannot happen and offers to manage trust. */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      `${what}, which ML Lifecycle does only in a trusted workspace (restricted mode).`,
      'Manage Workspace Trust',
    )
    .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}
