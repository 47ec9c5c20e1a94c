// "Tune Hyperparameters": the tune job (src/core/tuning/tuneJob.ts) in the worker with progress
// and cancel, from the project's tuning.yaml (or the pipeline spec's tuning: section, or the file
// the command is run on); the sidebar refreshes from the study's record when it ends. The study
// view calls it with { resume, trials } to resume or extend a study ({ stage } stops after a stage,
// offering the next stage's space to edit), and "Stop Tuning Study"
// cancels a running one (its finished trials are kept; the interrupted one re-runs on resume).
import { isAbsolute, join, relative } from 'node:path';
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
  /** Stop after this stage (0-based): the next stage's space is then a file to edit before resuming. */
  stage?: number;
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
    const { resume, trials, stage } = argument as TuneRequest;
    if (typeof resume === 'string' && resume) request.resume = resume;
    if (typeof trials === 'number' && Number.isInteger(trials) && trials > 0) request.trials = trials;
    if (typeof stage === 'number' && Number.isInteger(stage) && stage >= 0) request.stage = stage;
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
    if (result.nextStage) {
      offerNextStage(root, result);
      return result;
    }
    if (result.beatBaseline) {
      const promote = 'Promote Best Trial';
      void vscode.window.showInformationMessage(message, promote, openView).then((choice) => {
        if (choice === promote) void vscode.commands.executeCommand(COMMANDS.promoteTrial, result!.studyId);
        opened(choice);
      });
    } else void vscode.window.showWarningMessage(`${message} No trial beats the baseline.`, openView).then(opened);
    return result;
  }

  /** The run stopped before a narrowing stage: open its space to edit, or run it as narrowed. */
  function offerNextStage(root: string, result: TuneResult): void {
    const next = result.nextStage!;
    const edit = 'Edit Next Stage';
    const run = 'Run Next Stage';
    void vscode.window
      .showInformationMessage(
        `ML Lifecycle: study ${result.studyId} stopped after stage ${next.index}. Stage ${next.index + 1} narrows ${next.changes.length} ranges; edit them before it starts, or run it as narrowed.`,
        edit,
        run,
      )
      .then((choice) => {
        if (choice === edit) void vscode.window.showTextDocument(vscode.Uri.file(join(root, next.file)));
        if (choice === run)
          void vscode.commands.executeCommand(COMMANDS.tuneHyperparameters, { resume: result.studyId });
      });
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
