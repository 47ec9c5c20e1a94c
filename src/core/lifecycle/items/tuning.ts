// The "Hyperparameters tuned" item: a study is evidence only once its best trial became the
// project's own — promoted into a training run (tuning/promote.ts) that is newer than the data.
// The newest study decides: not promoted yet → the action promotes it; promoted → the run it
// went into must still be there and fresh (its data and spec unchanged).
import { COMMANDS } from '../../../protocol/commands';
import { failing, missing, newestRecord, passing, stale } from '../evidence';
import type { Evaluation, ItemAction } from '../model';
import type { ProjectState } from '../projectState';

interface StudyRecordData {
  studyId?: string;
  metrics?: string[];
  baseline?: number[];
  promoted?: { trial: number; model: string; runId: string; values: number[] };
}

const tune: ItemAction = { label: 'Tune hyperparameters', command: COMMANDS.tuneHyperparameters };
const show = (v: number) => v.toPrecision(4);

function studyData(state: ProjectState): { id: string; data: StudyRecordData } | undefined {
  const fact = newestRecord(state, 'study');
  return fact ? { id: fact.record.name, data: (fact.record.data ?? {}) as StudyRecordData } : undefined;
}

export function tuningAction(state: ProjectState, evaluation: Evaluation): ItemAction {
  const study = studyData(state);
  const fact = newestRecord(state, 'study');
  if (study && !study.data.promoted && fact?.inputs === 'unchanged' && evaluation.status === 'missing')
    return { label: 'Promote best trial', command: COMMANDS.promoteTrial, args: [study.id] };
  return tune;
}

export function evaluateTuning(state: ProjectState): Evaluation {
  const fact = newestRecord(state, 'study');
  if (!fact) return missing('No tuning study yet.');
  const when = fact.record.createdAt.slice(0, 16).replace('T', ' ');
  const inputs = fact.record.inputs.map((i) => i.path).join(', ');
  if (fact.inputs !== 'unchanged')
    return stale(
      `Study ${fact.record.name} (${when}) was computed from ${inputs}, which ${fact.inputs === 'missing' ? 'no longer exist' : 'changed since'}.`,
    );
  const data = (fact.record.data ?? {}) as StudyRecordData;
  const metric = data.metrics?.[0] ?? 'value';
  if (!data.promoted) {
    if (fact.record.outcome === 'fail')
      return failing(fact.record.summary ?? `Study ${fact.record.name}: no trial beats the baseline.`);
    return missing(
      `${fact.record.summary ?? `Study ${fact.record.name}.`} Its best trial is not promoted into a run yet.`,
    );
  }
  const { trial, runId, values, model } = data.promoted;
  const run = newestRecord(state, 'run', runId);
  if (!run)
    return missing(`Trial ${trial} of study ${fact.record.name} went into run ${runId}, which no longer exists.`);
  if (run.inputs !== 'unchanged')
    return stale(`Run ${runId} (trial ${trial} of study ${fact.record.name}) was trained on data that changed since.`);
  const value = values[0] !== undefined ? ` (${metric} ${show(values[0])})` : '';
  return passing(`Trial ${trial}${value} of study ${fact.record.name} promoted: ${model} in run ${runId}.`);
}
