// The lifecycle checklist: every practice of the five phases, each with a status derived from
// the project's files and, where no file can prove it, from a recorded decision.
import { COMMANDS } from '../../protocol/commands';
import { dataItems } from './items/data';
import { deploymentItems } from './items/deployment';
import { modelItems } from './items/model';
import { monitoringItems } from './items/monitoring';
import { problemItems } from './items/problem';
import { PHASES, type Evaluation, type ItemView, type LifecycleItem, type PhaseView } from './model';
import type { ProjectState } from './projectState';

export const LIFECYCLE_ITEMS: readonly LifecycleItem[] = [
  ...problemItems,
  ...dataItems,
  ...modelItems,
  ...deploymentItems,
  ...monitoringItems,
];

export function findItem(id: string): LifecycleItem | undefined {
  return LIFECYCLE_ITEMS.find((item) => item.id === id);
}

/** The files' evidence, then the decision record: N/A always applies, a confirmation fills a gap. */
export function evaluateItem(item: LifecycleItem, state: ProjectState): Evaluation {
  const evidence = item.evaluate(state);
  const decision = state.decisions.get(item.id);
  if (!decision) return evidence;
  const who = `${decision.by}, ${decision.at.slice(0, 10)}`;
  if (decision.decision === 'not-applicable')
    return { status: 'na', detail: `Not applicable (${who}): ${decision.note}` };
  if (item.confirmable && evidence.status === 'missing')
    return { status: 'passing', detail: `Confirmed (${who}): ${decision.note}` };
  return evidence;
}

export function deriveChecklist(state: ProjectState): PhaseView[] {
  return PHASES.map((phase) => ({
    ...phase,
    items: LIFECYCLE_ITEMS.filter((item) => item.phase === phase.id).map((item): ItemView => {
      const evaluation = evaluateItem(item, state);
      const action =
        evaluation.status === 'na'
          ? { label: 'How to do this', command: COMMANDS.showItemHelp, args: [item.id] }
          : item.action(state, evaluation);
      return {
        id: item.id,
        phase: item.phase,
        title: item.title,
        ...evaluation,
        action,
        confirmable: Boolean(item.confirmable),
      };
    }),
  }));
}

/** Counts of each status, for badges and the overview. */
export function statusCounts(
  items: ReadonlyArray<{ status: Evaluation['status'] }>,
): Record<Evaluation['status'], number> {
  const counts = { missing: 0, stale: 0, passing: 0, failing: 0, na: 0 };
  for (const item of items) counts[item.status] += 1;
  return counts;
}
