// Which model an explain command is about: the project must be open and valid, the run the one
// asked for (else the newest), the model the one asked for (else the run's best). Shared by
// "Explain Model" and "Explain Prediction"; says why when there is nothing to explain.
import * as vscode from 'vscode';
import type { ProjectFile } from '../../core/project/projectFile';
import { bestModelOf, runRecordsOf, type RunRecord } from '../runs/runRecords';
import type { Services } from '../services';

export interface ExplainTarget {
  root: string;
  project: ProjectFile;
  run: RunRecord;
  model: string;
}

export async function explainTarget(
  services: Services,
  request: { run?: string; model?: string },
): Promise<ExplainTarget | undefined> {
  const snapshot = services.model.snapshot ?? (await services.model.refresh());
  const project = snapshot?.state.projectFile.project;
  if (!snapshot || !project) {
    void vscode.window.showErrorMessage('ML Lifecycle: open a valid ML project (mlcycle.yaml) first.');
    return undefined;
  }
  const runs = runRecordsOf((snapshot.state.records.run ?? []).map((f) => f.record));
  const run = request.run ? runs.find((r) => r.name === request.run) : runs[0];
  if (!run) {
    void vscode.window.showWarningMessage(
      request.run
        ? `ML Lifecycle: there is no run ${request.run}.`
        : 'ML Lifecycle: train a model first: there is no run to explain.',
    );
    return undefined;
  }
  const model = request.model ?? bestModelOf(run.data)?.name;
  return model ? { root: snapshot.root, project, run, model } : undefined;
}
