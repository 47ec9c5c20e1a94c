// "Promote Best Trial": a study's best trial (or the one the study view names) written into the
// pipeline spec as a workspace edit — the user sees it in the editor and Ctrl+Z undoes it — then
// trained as a normal run in the worker (the full evaluation report), and the study's record
// updated so the sidebar's "Hyperparameters tuned" item passes. Planning and the record are
// small file reads and writes on the host (tuning/promote.ts); the training is the worker's.
import * as vscode from 'vscode';
import { planPromotion, recordPromotion, type Promotion, type PromotionPlan } from '../../core/tuning/promote';
import { COMMANDS } from '../../protocol/commands';
import type { Services } from '../services';
import { requireTrust } from '../trust';

export interface PromoteOutcome {
  plan: PromotionPlan;
  runId?: string;
  promotion?: Promotion;
}

/** The smallest replacement turning `before` into `after` (one edit: the common ends kept). */
export function minimalReplacement(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (
    tail < before.length - start &&
    tail < after.length - start &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

async function studyToPromote(services: Services, argument: unknown): Promise<string | undefined> {
  if (typeof argument === 'string' && argument) return argument;
  const snapshot = services.model.snapshot ?? (await services.model.refresh());
  const studies = snapshot?.state.records.study ?? [];
  if (studies.length === 0) {
    void vscode.window.showInformationMessage('ML Lifecycle: no tuning study yet — run "Tune Hyperparameters" first.');
    return undefined;
  }
  if (studies.length === 1) return studies[0].record.name;
  const pick = await vscode.window.showQuickPick(
    studies.map((s) => ({ label: s.record.name, description: s.record.summary ?? '' })),
    { title: 'Promote the best trial of a study' },
  );
  return pick?.label;
}

/** Applies the plan's spec text as an undoable edit of the document, then saves it. */
async function applySpecEdit(plan: PromotionPlan): Promise<boolean> {
  const uri = vscode.Uri.file(plan.specFile);
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.getText() !== plan.before) {
    void vscode.window.showErrorMessage(
      `ML Lifecycle: ${plan.specPath} has unsaved changes or changed on disk; save it and promote again.`,
    );
    return false;
  }
  if (plan.changes.length > 0) {
    const r = minimalReplacement(plan.before, plan.after);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)), r.text);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`ML Lifecycle: could not edit ${plan.specPath}.`);
      return false;
    }
    if (!(await document.save())) {
      void vscode.window.showErrorMessage(`ML Lifecycle: could not save ${plan.specPath}.`);
      return false;
    }
  }
  const editor = await vscode.window.showTextDocument(document, { preview: false, preserveFocus: true });
  const r = minimalReplacement(plan.before, plan.after);
  const at = document.positionAt(r.start);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

export function registerPromoteCommand(services: Services): vscode.Disposable {
  async function promoteTrial(studyArgument?: unknown, trialArgument?: unknown): Promise<PromoteOutcome | undefined> {
    if (!requireTrust('Promoting a trial edits the pipeline spec and trains a model')) return undefined;
    const snapshot = services.model.snapshot ?? (await services.model.refresh());
    if (!snapshot?.state.projectFile.project) {
      void vscode.window.showErrorMessage('ML Lifecycle: open a valid ML project (mlcycle.yaml) first.');
      return undefined;
    }
    const root = snapshot.root;
    const studyId = await studyToPromote(services, studyArgument);
    if (!studyId) return undefined;
    const trial = typeof trialArgument === 'number' && Number.isInteger(trialArgument) ? trialArgument : undefined;
    let plan: PromotionPlan;
    try {
      plan = await planPromotion(root, studyId, trial);
    } catch (error) {
      void vscode.window.showErrorMessage(`ML Lifecycle: ${(error as Error).message}`);
      return undefined;
    }
    for (const notice of plan.notices) services.log.appendLine(`[promote] ${notice}`);
    if (!(await applySpecEdit(plan))) return { plan };
    const run = await services.jobs.run({
      title: `Training trial ${plan.trial.number} of study ${studyId} (${plan.model})`,
      job: 'train',
      params: { root, spec: plan.specPath, models: [plan.model] },
    });
    if (!run) {
      void vscode.window.showWarningMessage(
        `ML Lifecycle: ${plan.specPath} has trial ${plan.trial.number}'s parameters, but its run did not finish; undo the edit in the editor or train again.`,
      );
      return { plan };
    }
    const promotion = await recordPromotion(root, plan, run);
    await services.model.refresh();
    const changed = plan.changes.map((c) => `${c.path} ${String(c.from ?? 'default')} → ${String(c.to)}`).join(', ');
    const open = 'Open Evaluation Report';
    void vscode.window
      .showInformationMessage(
        `ML Lifecycle: trial ${plan.trial.number} promoted into run ${run.runId}${changed ? ` (${plan.specPath}: ${changed}; Ctrl+Z in the editor undoes the edit)` : ''}.`,
        open,
      )
      .then((choice) => {
        if (choice === open) void vscode.commands.executeCommand(COMMANDS.openEvaluationReport, run.runId);
      });
    return { plan, runId: run.runId, promotion };
  }
  return vscode.commands.registerCommand(COMMANDS.promoteTrial, promoteTrial);
}
