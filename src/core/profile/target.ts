// Target-aware analysis: the target's classes and their balance (classification), and each
// feature's association with the target, strongest first, read from the correlation matrices:
// Pearson for two numeric columns, Cramér's V for two categorical ones, the correlation ratio
// η for a numeric and a categorical one.
import type { ColumnProfile, Correlations, TargetAnalysis, ValueCount } from './profileTypes';

type Association = TargetAnalysis['associations'][number];

function cell(
  matrix: { columns: string[]; values: Array<Array<number | null>> } | undefined,
  row: string,
  column: string,
): number | null {
  if (!matrix) return null;
  const i = matrix.columns.indexOf(row);
  const j = matrix.columns.indexOf(column);
  return i < 0 || j < 0 ? null : matrix.values[i][j];
}

function ratio(correlations: Correlations, category: string, numeric: string): number | null {
  const r = correlations.correlationRatio;
  if (!r) return null;
  const i = r.rows.indexOf(category);
  const j = r.columns.indexOf(numeric);
  return i < 0 || j < 0 ? null : r.values[i][j];
}

export function targetAssociations(
  target: ColumnProfile,
  task: TargetAnalysis['task'],
  columns: ColumnProfile[],
  correlations: Correlations,
): Association[] {
  const result: Association[] = [];
  for (const feature of columns) {
    if (feature.name === target.name) continue;
    let found: Association | undefined;
    if (task === 'regression') {
      const pearson = cell(correlations.pearson, feature.name, target.name);
      if (pearson !== null) found = { column: feature.name, method: 'pearson', value: pearson };
      const eta = ratio(correlations, feature.name, target.name);
      if (!found && eta !== null) found = { column: feature.name, method: 'correlation_ratio', value: eta };
    } else {
      const v = cell(correlations.cramersV, feature.name, target.name);
      if (v !== null) found = { column: feature.name, method: 'cramers_v', value: v };
      const eta = ratio(correlations, target.name, feature.name);
      if (!found && eta !== null) found = { column: feature.name, method: 'correlation_ratio', value: eta };
    }
    if (found) result.push(found);
  }
  return result.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.column.localeCompare(b.column));
}

/** Classification: 1 - minority share / majority share (0 when balanced). */
export function classImbalance(classes: ValueCount[]): number | undefined {
  if (classes.length < 2) return classes.length === 1 ? 1 : undefined;
  const counts = classes.map((c) => c.count);
  return 1 - Math.min(...counts) / Math.max(...counts);
}

export function targetAnalysis(
  target: ColumnProfile,
  task: TargetAnalysis['task'],
  columns: ColumnProfile[],
  correlations: Correlations,
  classes: ValueCount[] | undefined,
): TargetAnalysis {
  const analysis: TargetAnalysis = {
    column: target.name,
    task,
    associations: targetAssociations(target, task, columns, correlations),
  };
  if (task === 'classification' && classes) {
    analysis.classes = classes;
    const imbalance = classImbalance(classes);
    if (imbalance !== undefined) analysis.imbalance = imbalance;
  }
  return analysis;
}
