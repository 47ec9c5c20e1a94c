// "Promote best trial": a study's trial becomes the project's own. Its parameters are written
// into the pipeline spec (an edit of the text that keeps comments and order: specEdit.ts), a
// normal training run of that model follows (the full evaluation report), and the study's
// record says which trial went into which run — what the sidebar's "Hyperparameters tuned"
// item reads. The editor applies the spec edit itself (so the user sees it and can undo it);
// the command line writes the file. Three steps, so both share every rule:
//   planPromotion  → which trial, which model, the spec's new text and what changes
//   (write the spec; train the model: the `train` job)
//   recordPromotion → the study's record names the trial and the run
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { JobError } from '../../protocol/jobError';
import { writeFileAtomic } from '../atomicWrite';
import { readRecords, writeRecord, type RecordEnvelope } from '../records';
import { loadSpec } from '../model/train/loadSpec';
import { inputFingerprints } from '../records';
import type { TrainParams, TrainResult } from '../model/train/trainTypes';
import type { JobContext } from '../../protocol/jobs';
import { applyParams, TrialParamsError } from './applyParams';
import { bestTrial, paretoFront } from './best';
import { promotionEdit, SpecEditError, type SpecChange } from './specEdit';
import type { TrialRecord } from './study';
import { loadStudy, lockStudy } from './studyStore';
import type { StudySpec } from './studyTypes';
import { feasible } from './tuneJob';

export interface PromotionPlan {
  studyId: string;
  trial: TrialRecord;
  /** The study's metrics, in the order of the trial's values. */
  metrics: string[];
  /** The pipeline spec's model the trial trains. */
  model: string;
  /** Relative to the root, forward slashes. */
  specPath: string;
  specFile: string;
  /** The spec's text now, and with the trial's parameters written in. */
  before: string;
  after: string;
  changes: SpecChange[];
  notices: string[];
}

export interface Promotion {
  trial: number;
  model: string;
  params: TrialRecord['params'];
  values: number[];
  runId: string;
  /** The run's value of each study metric (the trial's, when data and spec are as the study saw them). */
  runValues: Array<number | null>;
  changes: SpecChange[];
  at: string;
}

const show = (v: number) => v.toPrecision(4);

function chooseTrial(
  studyId: string,
  trials: TrialRecord[],
  spec: StudySpec,
  metrics: string[],
  number?: number,
): { trial: TrialRecord; notices: string[] } {
  const notices: string[] = [];
  if (number !== undefined) {
    const trial = trials.find((t) => t.number === number);
    if (!trial) throw new JobError('bad-input', `Study ${studyId} has no trial ${number}.`);
    if (trial.state !== 'complete' || !trial.values)
      throw new JobError(
        'bad-input',
        `Trial ${number} of study ${studyId} is ${trial.state}, not complete: only a complete trial can be promoted.`,
      );
    if (!feasible(trial, spec.constraints, metrics))
      notices.push(
        `Trial ${number} breaks a constraint of the study (${spec.constraints.map((c) => `${c.name} ${c.op} ${c.value}`).join(', ')}).`,
      );
    return { trial, notices };
  }
  const candidates = trials.filter((t) => t.state === 'complete' && feasible(t, spec.constraints, metrics));
  const directions = spec.objectives.map((o) => o.direction);
  if (directions.length > 1) {
    const front = paretoFront(candidates, directions);
    throw new JobError(
      'bad-input',
      `Study ${studyId} has ${directions.length} objectives, so there is no single best trial: name one of its Pareto front (${front.map((t) => `#${t.number}`).join(', ') || 'empty'}).`,
    );
  }
  const trial = bestTrial(candidates, directions[0]);
  if (!trial)
    throw new JobError('bad-input', `Study ${studyId} has no complete trial that meets its constraints to promote.`);
  return { trial, notices };
}

/** Which trial (the best feasible one unless named), its model, and the spec's edited text. */
export async function planPromotion(root: string, studyId: string, trialNumber?: number): Promise<PromotionPlan> {
  const loaded = await loadStudy(root, studyId);
  const studySpec = loaded.study.spec as StudySpec & { pipelinePath?: string };
  const metrics = loaded.study.metrics ?? studySpec.objectives.map((o) => o.metric);
  const { trial, notices } = chooseTrial(studyId, loaded.trials, studySpec, metrics, trialNumber);
  const spec = await loadSpec(root, studySpec.pipelinePath);
  let model: string;
  try {
    model = applyParams(spec.spec, trial.params).model.name;
  } catch (error) {
    if (error instanceof TrialParamsError)
      throw new JobError('bad-input', `${spec.specPath} no longer fits trial ${trial.number}: ${error.message}`, {
        file: spec.specFile,
      });
    throw error;
  }
  const before = await readFile(spec.specFile, 'utf8');
  let edit;
  try {
    edit = promotionEdit(before, trial.params, model);
  } catch (error) {
    if (error instanceof SpecEditError)
      throw new JobError('bad-input', `${spec.specPath}: ${error.message}`, { file: spec.specFile });
    throw error;
  }
  return {
    studyId,
    trial,
    metrics,
    model,
    specPath: spec.specPath,
    specFile: spec.specFile,
    before,
    after: edit.text,
    changes: edit.changes,
    notices: [...loaded.notices, ...notices],
  };
}

/** The run's value of a study metric: on CV its mean, on the holdout its value. */
function runValue(run: TrainResult, model: string, metric: string, on: 'cv' | 'holdout'): number | null {
  const m = run.run.models.find((x) => x.name === model);
  const value = on === 'holdout' ? m?.metrics.holdout?.[metric] : m?.metrics.cv?.[metric]?.mean;
  return typeof value === 'number' ? value : null;
}

/** The study's record names the trial and the run; the spec's new fingerprint goes in with it. */
export async function recordPromotion(root: string, plan: PromotionPlan, run: TrainResult): Promise<Promotion> {
  const loaded = await loadStudy(root, plan.studyId);
  const unlock = await lockStudy(loaded.dir, plan.studyId);
  try {
    const studySpec = loaded.study.spec as StudySpec & { tuningPath?: string };
    const promotion: Promotion = {
      trial: plan.trial.number,
      model: plan.model,
      params: plan.trial.params,
      values: [...(plan.trial.values ?? [])],
      runId: run.runId,
      runValues: plan.metrics.map((m) => runValue(run, plan.model, m, studySpec.on ?? 'cv')),
      changes: plan.changes,
      at: new Date().toISOString(),
    };
    const { records } = await readRecords(root, 'study');
    const previous = records.find((r) => r.name === plan.studyId) as
      RecordEnvelope<Record<string, unknown>> | undefined;
    const files = [
      ...(previous?.inputs ?? []).map((i) => `${root}/${i.path}`),
      plan.specFile,
      ...(studySpec.tuningPath ? [`${root}/${studySpec.tuningPath}`] : []),
    ];
    const unique = [...new Set(files.map((f) => relative(root, f)))].map((f) => `${root}/${f}`);
    const value = plan.trial.values?.[0];
    await writeRecord(root, {
      schemaVersion: 1,
      kind: 'study',
      name: plan.studyId,
      createdAt: previous?.createdAt ?? new Date().toISOString(),
      inputs: await inputFingerprints(root, unique),
      ...(previous?.outcome ? { outcome: previous.outcome } : {}),
      summary: `Trial ${plan.trial.number} (${plan.metrics[0]} ${value !== undefined ? show(value) : '?'}) promoted into run ${run.runId}.`,
      data: { ...(previous?.data ?? { studyId: plan.studyId, metrics: plan.metrics }), promoted: promotion },
    });
    return promotion;
  } finally {
    await unlock();
  }
}

/** Writes the promoted spec (the command line's way; the editor applies a workspace edit). */
export async function writePromotedSpec(plan: PromotionPlan): Promise<void> {
  const now = await readFile(plan.specFile, 'utf8');
  if (now !== plan.before)
    throw new JobError('bad-input', `${plan.specPath} changed while the promotion was prepared; run it again.`, {
      file: plan.specFile,
    });
  await writeFileAtomic(plan.specFile, plan.after, { shown: plan.specPath });
}

export interface PromoteParams {
  root: string;
  study: string;
  /** Default: the study's best trial that meets its constraints. */
  trial?: number;
  /** Show the plan only: write nothing, train nothing. */
  dryRun?: boolean;
}

export interface PromoteResult {
  plan: PromotionPlan;
  run?: TrainResult;
  promotion?: Promotion;
}

/** The whole promotion as the command line does it: plan, write the spec, train, record. */
export async function promoteTrial(
  params: PromoteParams,
  ctx: JobContext,
  trainJob: (p: TrainParams, c: JobContext) => Promise<TrainResult>,
): Promise<PromoteResult> {
  const plan = await planPromotion(params.root, params.study, params.trial);
  if (params.dryRun) return { plan };
  ctx.report({ message: `Writing trial ${plan.trial.number}'s parameters into ${plan.specPath}` });
  await writePromotedSpec(plan);
  const run = await trainJob({ root: params.root, spec: plan.specPath, models: [plan.model] }, ctx);
  const promotion = await recordPromotion(params.root, plan, run);
  return { plan, run, promotion };
}
