// "Tune Hyperparameters": the tune job (src/core/tuning/tuneJob.ts) in the worker with progress
// and cancel, from the project's tuning.yaml (or the pipeline spec's tuning: section, or the file
// the command is run on); the sidebar refreshes from the study's record when it ends.
import { isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';
import type { TuneResult } from '../../core/tuning/tuneJob';
import { COMMANDS } from '../../protocol/commands';
import type { Services } from '../services';

const show = (v: number) => v.toPrecision(4);

export function registerTuningCommands(services: Services): vscode.Disposable[] {
  async function tuneHyperparameters(argument?: unknown): Promise<TuneResult | undefined> {
    const snapshot = services.model.snapshot ?? (await services.model.refresh());
    if (!snapshot?.state.projectFile.project) {
      void vscode.window.showErrorMessage('ML Lifecycle: open a valid ML project (mlcycle.yaml) first.');
      return undefined;
    }
    const root = snapshot.root;
    const named =
      argument instanceof vscode.Uri
        ? argument.fsPath
        : typeof argument === 'string' && argument
          ? argument
          : undefined;
    const spec = named && isAbsolute(named) ? relative(root, named).split('\\').join('/') : named;
    const result = await services.jobs.run({
      title: `Tuning hyperparameters${spec ? ` (${spec})` : ''}`,
      job: 'tune',
      params: { root, ...(spec ? { spec } : {}) },
    });
    if (!result) return undefined;
    await services.model.refresh();
    const best = result.best?.values
      ? `best ${result.metrics[0]} ${show(result.best.values[0])} (trial ${result.best.number}) against the baseline's ${show(result.baseline[0])}`
      : 'no trial completed that meets the constraints';
    const message = `ML Lifecycle: study ${result.studyId}: ${result.trials.length} trials, ${best}.`;
    if (result.beatBaseline) void vscode.window.showInformationMessage(message);
    else void vscode.window.showWarningMessage(`${message} No trial beats the baseline.`);
    return result;
  }

  return [vscode.commands.registerCommand(COMMANDS.tuneHyperparameters, tuneHyperparameters)];
}
