// The "Model explained" item: evidence is an explanation record (mlcycle explain, "Explain
// Model") of the newest run's model, computed from files that have not changed since, whose
// contributions passed the additivity check. Permutation importance alone is not enough: it says
// which columns matter overall, not why a given prediction came out as it did.
import { COMMANDS } from '../../../protocol/commands';
import { failing, missing, newestRecord, passing, stale } from '../evidence';
import type { Evaluation, ItemAction } from '../model';
import type { ProjectState } from '../projectState';

interface ExplanationData {
  runId?: string;
  model?: string;
  method?: string;
  global?: Array<{ column: string; direction: string }>;
}

export const explainAction: ItemAction = { label: 'Explain model', command: COMMANDS.explainModel };

export function evaluateExplanation(state: ProjectState): Evaluation {
  const fact = newestRecord(state, 'explanation');
  const newestRun = newestRecord(state, 'run');
  if (!fact)
    return missing(
      newestRun
        ? `Run ${newestRun.record.name} has no explanation yet (SHAP values of its predictions).`
        : 'No run to explain yet.',
    );
  const data = (fact.record.data ?? {}) as ExplanationData;
  if (fact.inputs !== 'unchanged')
    return stale(
      `The explanation of ${data.model ?? 'the model'} (run ${data.runId}) was computed from ${fact.record.inputs.map((i) => i.path).join(', ')}, which ${fact.inputs === 'missing' ? 'no longer exist' : 'changed since'}.`,
    );
  if (newestRun && data.runId !== newestRun.record.name)
    return stale(`The newest explanation is of run ${data.runId}; run ${newestRun.record.name} is newer.`);
  const summary = fact.record.summary ?? `Explained ${data.model} of run ${data.runId}.`;
  if (fact.record.outcome === 'fail')
    return failing(`${summary} Its contributions do not add up to the model's output.`);
  return passing(`${data.model} of run ${data.runId}: ${summary}`);
}
