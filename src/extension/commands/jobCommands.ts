// Commands that run work in the background worker, and control it.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { inspectionRecord } from '../../core/datasetRecords';
import { writeRecord } from '../../core/records';
import { COMMANDS } from '../../protocol/commands';
import type { Services } from '../services';

/** Inspects every dataset of the project and records what it saw. Returns how many it recorded. */
async function inspectDatasets(services: Services): Promise<number> {
  const snapshot = services.model.snapshot ?? (await services.model.refresh());
  const project = snapshot?.state.projectFile.project;
  if (!snapshot || !project) {
    void vscode.window.showErrorMessage('Open a valid ML project (mlcycle.yaml) first.');
    return 0;
  }
  let recorded = 0;
  for (const dataset of snapshot.state.datasets) {
    if (!dataset.exists) {
      void vscode.window.showErrorMessage(
        `The ${dataset.role} dataset ${dataset.path} does not exist (mlcycle.yaml datasets.${dataset.role}).`,
      );
      continue;
    }
    const result = await services.jobs.run({
      title: `Inspecting ${dataset.path}`,
      job: 'inspect',
      params: { path: join(snapshot.root, dataset.path), root: snapshot.root },
    });
    if (!result) break; // cancelled or failed: the user was told; do not go on to the next file
    await writeRecord(snapshot.root, inspectionRecord(snapshot.root, dataset.role, result));
    recorded += 1;
  }
  await services.model.refresh();
  return recorded;
}

export function registerJobCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.inspectDatasets, () => inspectDatasets(services)),
    vscode.commands.registerCommand(COMMANDS.cancelJobs, () => services.jobs.cancelAll()),
    vscode.commands.registerCommand(COMMANDS.restartWorker, () => services.jobs.restart()),
    vscode.commands.registerCommand(COMMANDS.showLog, () => services.log.show()),
  ];
}
