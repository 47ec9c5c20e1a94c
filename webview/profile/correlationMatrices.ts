// The correlation matrices of a profile as the report draws them: which methods have a pair to
// show, the heatmap of each, and its strongest pairs. Pure, so it is unit-tested in Node.
import type { Correlations } from '../../src/core/profile/profileTypes';
import type { HeatmapOptions } from './profileCharts';

export type CorrelationMethod = 'pearson' | 'spearman' | 'cramersV' | 'correlationRatio';

export const METHOD_LABELS: Record<CorrelationMethod, string> = {
  pearson: 'Pearson (numeric)',
  spearman: 'Spearman (numeric, rank)',
  cramersV: "Cramér's V (categorical)",
  correlationRatio: 'Correlation ratio (categorical × numeric)',
};

/** The methods with something to draw, in the selector's order. */
export function availableMethods(correlations: Correlations): CorrelationMethod[] {
  const square = (m?: { columns: string[] }) => (m?.columns.length ?? 0) >= 2;
  const methods: CorrelationMethod[] = [];
  if (square(correlations.pearson)) methods.push('pearson');
  if (square(correlations.spearman)) methods.push('spearman');
  if (square(correlations.cramersV)) methods.push('cramersV');
  const ratio = correlations.correlationRatio;
  if (ratio && ratio.rows.length > 0 && ratio.columns.length > 0) methods.push('correlationRatio');
  return methods;
}

export function heatmapOf(correlations: Correlations, method: CorrelationMethod): HeatmapOptions {
  if (method === 'correlationRatio') {
    const ratio = correlations.correlationRatio!;
    return { rows: ratio.rows, columns: ratio.columns, values: ratio.values, signed: false, label: 'η' };
  }
  const matrix = correlations[method]!;
  return {
    rows: matrix.columns,
    columns: matrix.columns,
    values: matrix.values,
    signed: method !== 'cramersV',
    label: method === 'cramersV' ? 'V' : 'r',
  };
}

export interface Pair {
  a: string;
  b: string;
  value: number;
}

/** The `count` pairs with the largest absolute value (each unordered pair once, no diagonal). */
export function strongestPairs(options: HeatmapOptions, count: number): Pair[] {
  const square =
    options.rows.length === options.columns.length && options.rows.every((r, i) => r === options.columns[i]);
  const pairs: Pair[] = [];
  options.values.forEach((row, i) =>
    row.forEach((value, j) => {
      if (value === null || !Number.isFinite(value) || (square && j <= i)) return;
      pairs.push({ a: options.rows[i], b: options.columns[j], value });
    }),
  );
  return pairs.sort((x, y) => Math.abs(y.value) - Math.abs(x.value)).slice(0, count);
}
