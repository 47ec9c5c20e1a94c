// "Explain Model": the explain job (src/core/explain/explainJob.ts) in the worker with progress
// and cancel, for a run's best model (or the one given) on the run's holdout file (else its
// training file), so the sidebar's "Model explained" item has its evidence. The notification
// names the most influential columns and the direction of their effect.
import * as vscode from 'vscode';
import type { ExplainParams, ExplainResult } from '../../core/explain/explainTypes';
import { COMMANDS } from '../../protocol/commands';
import { EvaluationPanel } from '../panels/evaluationPanel';
import { explainTarget } from './explainTarget';
import type { Services } from '../services';

/** What the command may be given: a run id, "runId/model", or { run, model, data, rows }. */
export interface ExplainRequest {
  run?: string;
  model?: string;
  data?: string;
  rows?: number[];
}

function requestOf(argument: unknown): ExplainRequest {
  if (typeof argument === 'string' && argument) {
    const [run, model] = argument.split(/[/:]/);
    return { run, ...(model ? { model } : {}) };
  }
  if (argument && typeof argument === 'object') {
    const given = argument as ExplainRequest & { runId?: string };
    return {
      ...(typeof (given.run ?? given.runId) === 'string' ? { run: given.run ?? given.runId } : {}),
      ...(typeof given.model === 'string' ? { model: given.model } : {}),
      ...(typeof given.data === 'string' ? { data: given.data } : {}),
      ...(Array.isArray(given.rows) ? { rows: given.rows.filter((r) => Number.isInteger(r)) } : {}),
    };
  }
  return {};
}

export function registerExplainCommands(services: Services): vscode.Disposable[] {
  async function explainModel(argument?: unknown): Promise<ExplainResult | undefined> {
    const request = requestOf(argument);
    const target = await explainTarget(services, request);
    if (!target) return undefined;
    const { run, model } = target;
    const data = request.data ?? run.data.spec.data.holdout ?? run.data.spec.data.train;
    const params: ExplainParams = {
      root: target.root,
      model: `${run.name}/${model}`,
      data,
      ...(request.rows ? { rows: request.rows } : {}),
    };
    const result = await services.jobs.run({ title: `Explaining ${model} on ${data}`, job: 'explain', params });
    await services.model.refresh();
    if (!result) return undefined;
    // An open evaluation report of this run shows the new explanation.
    const panel = EvaluationPanel.current;
    if (panel?.currentReport?.run.runId === run.name) await panel.refresh();
    const top = result.global
      .slice(0, 3)
      .map((g) => `${g.column} (${g.direction})`)
      .join(', ');
    void vscode.window.showInformationMessage(
      `ML Lifecycle: ${result.model} explained on ${result.rows.length} rows of ${result.data} (${result.method}); most influential: ${top}.`,
    );
    return result;
  }

  return [vscode.commands.registerCommand(COMMANDS.explainModel, explainModel)];
}
