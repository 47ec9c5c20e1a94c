// "Package Model": the package job (src/core/deploy/packageJob.ts) in the worker with progress
// and cancel, for the newest run's best model (or the run / "runId:model" given). The
// notification says where the package is and offers to open its contract.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PackageParams, PackageResult } from '../../core/deploy/packageTypes';
import { COMMANDS } from '../../protocol/commands';
import type { Services } from '../services';

export function registerPackageCommands(services: Services): vscode.Disposable[] {
  async function packageModel(argument?: unknown): Promise<PackageResult | undefined> {
    const snapshot = services.model.snapshot ?? (await services.model.refresh());
    if (!snapshot?.state.projectFile.project) {
      void vscode.window.showErrorMessage('ML Lifecycle: open a valid ML project (mlcycle.yaml) first.');
      return undefined;
    }
    const model = typeof argument === 'string' && argument ? argument : undefined;
    const params: PackageParams = { root: snapshot.root, ...(model ? { model } : {}) };
    const result = await services.jobs.run({
      title: `Packaging ${model ?? "the newest run's best model"}`,
      job: 'package',
      params,
    });
    await services.model.refresh();
    if (!result) return undefined;
    const verb = result.reused ? 'is already packaged (identical)' : 'packaged';
    void vscode.window
      .showInformationMessage(
        `ML Lifecycle: ${result.model} of run ${result.runId} ${verb} in ${result.dir} (${result.archive}).`,
        'Open the contract',
      )
      .then(async (choice) => {
        if (choice)
          await vscode.window.showTextDocument(vscode.Uri.file(join(snapshot.root, result.dir, 'CONTRACT.md')));
      });
    return result;
  }

  return [vscode.commands.registerCommand(COMMANDS.packageModel, packageModel)];
}
