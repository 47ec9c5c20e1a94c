// Helpers for the tests that run inside the real VS Code extension host.
import * as vscode from 'vscode';
import type { MlcycleApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'mlcycle.mlcycle';

export async function activeApi(): Promise<MlcycleApi> {
  const extension = vscode.extensions.getExtension<MlcycleApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return extension.isActive ? extension.exports : extension.activate();
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration tests need a workspace folder (a copy of examples/penguins).');
  return folder.uri.fsPath;
}

/** Polls until `check` returns a truthy value; state in the editor updates asynchronously. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
