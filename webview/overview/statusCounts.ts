// Counts of checklist items per phase and status: what the overview's chart and summaries show.
// Pure, so it is unit-tested outside a browser.
import { ITEM_STATUSES, type ItemStatus, type OverviewPhase } from '../../src/protocol/webview';

export type StatusCounts = Record<ItemStatus, number>;

export function emptyCounts(): StatusCounts {
  return { passing: 0, failing: 0, stale: 0, missing: 0, na: 0 };
}

export function countStatuses(phase: OverviewPhase): StatusCounts {
  const counts = emptyCounts();
  for (const item of phase.items) counts[item.status] += 1;
  return counts;
}

export function totalCounts(phases: readonly OverviewPhase[]): StatusCounts {
  const total = emptyCounts();
  for (const phase of phases) {
    const counts = countStatuses(phase);
    for (const status of ITEM_STATUSES) total[status] += counts[status];
  }
  return total;
}

/** "4 of 9 applicable items passing": items marked not applicable do not count against a phase. */
export function passingSummary(counts: StatusCounts): string {
  const applicable = ITEM_STATUSES.filter((s) => s !== 'na').reduce((sum, s) => sum + counts[s], 0);
  return `${counts.passing} of ${applicable} applicable item${applicable === 1 ? '' : 's'} passing`;
}

export const STATUS_LABELS: Record<ItemStatus, string> = {
  passing: 'Passing',
  failing: 'Failing',
  stale: 'Stale',
  missing: 'Missing',
  na: 'Not applicable',
};
