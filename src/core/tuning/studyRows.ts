// The study view's trial table, sent apart from the charts: one compact row per trial (its
// parameters in the summary's axis order), the whole list once, then only rows that changed
// since the last update (a running trial that finished, a new trial). Pure.
import type { TrialRecord } from './study';
import type { ParamAxis } from './studySummary';
import type { ParamValue, TrialState } from './types';

export interface TrialRow {
  number: number;
  state: TrialState;
  /** One per objective; null where a value is not finite or missing (a failed trial). */
  values: Array<number | null>;
  /** In the summary's `params` order; null where the parameter is inactive. */
  params: Array<ParamValue>;
  stage: number;
  durationMs?: number;
  error?: string;
}

export function trialRow(t: TrialRecord, axes: readonly ParamAxis[], objectives: number): TrialRow {
  const row: TrialRow = {
    number: t.number,
    state: t.state,
    values: Array.from({ length: objectives }, (_, k) => {
      const v = t.values?.[k];
      return v !== undefined && Number.isFinite(v) ? v : null;
    }),
    params: axes.map((a) => t.params[a.name] ?? null),
    stage: t.stage ?? 0,
  };
  if (t.durationMs !== undefined) row.durationMs = Math.round(t.durationMs);
  if (t.error) row.error = t.error.slice(0, 500);
  return row;
}

/** Remembers what was sent; `changed` gives the rows that differ from it (all of them the first time). */
export class RowTracker {
  private readonly sent = new Map<number, string>();
  revision = 0;

  changed(trials: readonly TrialRecord[], axes: readonly ParamAxis[], objectives: number): TrialRow[] {
    const out: TrialRow[] = [];
    for (const t of trials) {
      const row = trialRow(t, axes, objectives);
      const text = JSON.stringify(row);
      if (this.sent.get(t.number) === text) continue;
      this.sent.set(t.number, text);
      out.push(row);
    }
    this.revision += 1;
    return out;
  }

  /** Forget everything: the next `changed` gives every row (a reloaded page). */
  reset(): void {
    this.sent.clear();
  }
}
