// Speed budgets are measurements, not pass/fail checks of the default suite: a wall-clock bound
// fails on a loaded machine however correct the code is. Each budget is logged as a [measure]
// line; with MLCYCLE_PERF_BUDGETS=1 (a quiet machine, on purpose) it is also asserted.
import assert from 'node:assert/strict';

export const PERF_BUDGETS_ENFORCED = process.env.MLCYCLE_PERF_BUDGETS === '1';

/** Logs `what` took `ms`; fails only when budgets are enforced and `ms` is over `budgetMs`. */
export function withinBudget(what: string, ms: number, budgetMs: number): void {
  console.log(`[measure] ${what}: ${ms.toFixed(0)} ms (budget ${budgetMs} ms)`);
  if (PERF_BUDGETS_ENFORCED) assert.ok(ms < budgetMs, `${what} took ${ms.toFixed(0)} ms, over ${budgetMs} ms`);
}
