// "Tune Hyperparameters": the tune job (src/core/tuning/tuneJob.ts) in the worker with progress
// and cancel, from the project's tuning.yaml (or the pipeline spec's tuning: section, or the file
// the command is run on); the sidebar refreshes from the study's record when it ends. The study
// view calls it with { resume, trials } to resume or extend a study, and "Stop Tuning Study"
// cancels a running one (its finished trials are kept; the interrupted one re-runs on resume).
import { isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';
import type { TuneParams, TuneResult } from '../../core/tuning/tuneJob';
import { COMMANDS } from '../../protocol/commands';
import type { Services } from '../services';
import { registerPromoteCommand } from './promoteCommand';

const show = (v: number) => v.toPrecision(4);

/** What the command may be given: a file (explorer, editor title), a path, or the view's request. */
export interface TuneRequest {
  spec?: string;
  resume?: string;
  trials?: number;
}

function requestOf(argument: unknown, root: string): TuneRequest {
  const named =
    argument instanceof vscode.Uri
      ? argument.fsPath
      : typeof argument === 'string' && argument
        ? argument
        : typeof argument === 'object' && argument !== null && typeof (argument as TuneRequest).spec === 'string'
          ? (argument as TuneRequest).spec
          : undefined;
  const request: TuneRequest = {};
  if (named) request.spec = isAbsolute(named) ? relative(root, named).split('\\').join('/') : named;
  if (typeof argument === 'object' && argument !== null && !(argument instanceof vscode.Uri)) {
    const { resume, trials } = argument as TuneRequest;
    if (typeof resume === 'string' && resume) request.resume = resume;
    if (typeof trials === 'number' && Number.isInteger(trials) && trials > 0) request.trials = trials;
  }
  return request;
}

export function registerTuningCommands(services: Services): vscode.Disposable[] {
  /** Running tune jobs: the study they resume (undefined for a new study) and how to stop them. */
  const running = new Map<AbortController, string | undefined>();

  async function tuneHyperparameters(argument?: unknown): Promise<TuneResult | undefined> {
    const snapshot = services.model.snapshot ?? (await services.model.refresh());
    if (!snapshot?.state.projectFile.project) {
      void vscode.window.showErrorMessage('ML Lifecycle: open a valid ML project (mlcycle.yaml) first.');
      return undefined;
    }
    const root = snapshot.root;
    const request = requestOf(argument, root);
    const params: TuneParams = { root, ...request };
    const controller = new AbortController();
    running.set(controller, request.resume);
    let result: TuneResult | undefined;
    try {
      const what = request.resume
        ? `${request.trials ? `Extending study ${request.resume} by ${request.trials} trials` : `Resuming study ${request.resume}`}`
        : `Tuning hyperparameters${request.spec ? ` (${request.spec})` : ''}`;
      result = await services.jobs.run({ title: what, job: 'tune', params, signal: controller.signal });
    } finally {
      running.delete(controller);
    }
    await services.model.refresh();
    if (!result) return undefined;
    const best = result.best?.values
      ? `best ${result.metrics[0]} ${show(result.best.values[0])} (trial ${result.best.number}) against the baseline's ${show(result.baseline[0])}`
      : 'no trial completed that meets the constraints';
    const message = `ML Lifecycle: study ${result.studyId}: ${result.trials.length} trials, ${best}.`;
    const openView = 'Open Study View';
    const opened = (choice: string | undefined) => {
      if (choice === openView) void vscode.commands.executeCommand(COMMANDS.openStudy, result!.studyId);
    };
    if (result.beatBaseline) {
      const promote = 'Promote Best Trial';
      void vscode.window.showInformationMessage(message, promote, openView).then((choice) => {
        if (choice === promote) void vscode.commands.executeCommand(COMMANDS.promoteTrial, result!.studyId);
        opened(choice);
      });
    } else void vscode.window.showWarningMessage(`${message} No trial beats the baseline.`, openView).then(opened);
    return result;
  }

  /** Stops the running study with this id (or every running study): returns how many were stopped. */
  function stopStudy(studyId?: unknown): number {
    let stopped = 0;
    for (const [controller, id] of running)
      if (typeof studyId !== 'string' || id === undefined || id === studyId) {
        controller.abort();
        stopped++;
      }
    if (stopped === 0) void vscode.window.showInformationMessage('ML Lifecycle: no tuning study is running.');
    return stopped;
  }

  return [
    vscode.commands.registerCommand(COMMANDS.tuneHyperparameters, tuneHyperparameters),
    vscode.commands.registerCommand(COMMANDS.stopStudy, stopStudy),
    registerPromoteCommand(services),
  ];
}
