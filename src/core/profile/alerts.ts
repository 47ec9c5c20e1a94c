// ydata-profiling's alerts, with its default thresholds (overridable): each names the column,
// the figure that triggered it and the threshold, in `message` as well as in fields. A figure
// must exceed its threshold (as ydata's checks do); "unique", "type date" and "constant length"
// are facts rather than thresholds, reported with the figure that shows them.
import type { Alert, AlertThresholds, ColumnProfile, Correlations, TargetAnalysis } from './profileTypes';
import { chiSquareUniformPValue } from './statsMath';

/** Figures the alerts read that the column profile does not carry. */
export interface AlertFacts {
  /** ydata's entropy-based imbalance of categorical/boolean columns. */
  imbalance?: number;
  /** χ² p-value against uniform counts (categories, or histogram bins for numbers). */
  uniformPValue?: number | null;
  /** Dates stored as text. */
  dateFromText?: boolean;
}

const pct = (value: number) => `${Number(value.toFixed(2))}%`;
const num = (value: number) =>
  Math.abs(value) >= 1000 || Number.isInteger(value)
    ? value.toLocaleString('en-US')
    : String(Number(value.toPrecision(4)));

function columnAlerts(c: ColumnProfile, facts: AlertFacts, t: AlertThresholds, rows: number): Alert[] {
  const alerts: Alert[] = [];
  const add = (type: Alert['type'], value: number, threshold: number, message: string) =>
    alerts.push({ type, column: c.name, value, threshold, message });
  const q = `"${c.name}"`;
  if (c.count === 0 && rows > 0) {
    add('empty', 100, 100, `${q} is empty: all ${rows.toLocaleString('en-US')} values are missing.`);
  }
  if (c.missingPercent > t.missingPercent) {
    add(
      'missing',
      c.missingPercent,
      t.missingPercent,
      `${q} has ${c.missing.toLocaleString('en-US')} missing values (${pct(c.missingPercent)}, threshold ${pct(t.missingPercent)}).`,
    );
  }
  if (c.type === 'unsupported' && c.count > 0) {
    add(
      'unsupported',
      c.count,
      0,
      `${q} holds ${c.evidence.storageType} values, which are not profiled (${c.count.toLocaleString('en-US')} non-missing values).`,
    );
  }
  if (c.distinct === 1) {
    const value = c.top?.[0]?.value ?? (c.numeric ? num(c.numeric.min) : (c.datetime?.min ?? ''));
    add(
      'constant',
      1,
      1,
      `${q} is constant: a single distinct value ("${value}") in ${c.count.toLocaleString('en-US')} non-missing rows.`,
    );
  }
  if (c.count > 1 && c.distinct === c.count) {
    add(
      'unique',
      100,
      100,
      `${q} has unique values: ${c.distinct.toLocaleString('en-US')} distinct in ${c.count.toLocaleString('en-US')} non-missing rows (100%).`,
    );
  }
  if (c.type === 'categorical' && c.distinct > t.cardinality) {
    add(
      'high_cardinality',
      c.distinct,
      t.cardinality,
      `${q} has a high cardinality: ${c.distinct.toLocaleString('en-US')} distinct values (threshold ${t.cardinality}).`,
    );
  }
  if (
    (c.type === 'categorical' || c.type === 'boolean') &&
    facts.imbalance !== undefined &&
    c.distinct > 1 &&
    facts.imbalance > t.imbalance
  ) {
    add(
      'imbalance',
      facts.imbalance,
      t.imbalance,
      `${q} is imbalanced: imbalance ${num(facts.imbalance)} (1 - entropy / log(categories), threshold ${t.imbalance}).`,
    );
  }
  if (facts.dateFromText) {
    add(
      'type_date',
      100,
      100,
      `${q} holds dates stored as text: every one of its ${c.distinct.toLocaleString('en-US')} distinct values reads as a date (100%).`,
    );
  }
  // Lengths mean something for text (codes, identifiers), not for numbers read as categories.
  if (
    c.text &&
    c.distinct > 1 &&
    c.text.length.min === c.text.length.max &&
    c.type !== 'boolean' &&
    c.evidence.storageType === 'VARCHAR'
  ) {
    const length = c.text.length.min;
    add(
      'constant_length',
      length,
      0,
      `${q} has a constant length: every value is ${length} character${length === 1 ? '' : 's'} long (spread 0).`,
    );
  }
  const n = c.numeric;
  if (n && c.type === 'numeric') {
    const zerosPercent = c.count > 0 ? (100 * n.zeros) / c.count : 0;
    if (zerosPercent > t.zerosPercent) {
      add(
        'zeros',
        zerosPercent,
        t.zerosPercent,
        `${q} has ${n.zeros.toLocaleString('en-US')} zeros (${pct(zerosPercent)}, threshold ${pct(t.zerosPercent)}).`,
      );
    }
    if (n.infinite > 0) {
      const infinitePercent = (100 * n.infinite) / c.count;
      add(
        'infinite',
        infinitePercent,
        0,
        `${q} has ${n.infinite.toLocaleString('en-US')} infinite values (${pct(infinitePercent)}, threshold 0%).`,
      );
    }
    if (n.skewness !== null && Math.abs(n.skewness) > t.skewness) {
      add(
        'skewed',
        n.skewness,
        t.skewness,
        `${q} is highly skewed: skewness ${num(n.skewness)} (|skewness| threshold ${t.skewness}).`,
      );
    }
  }
  const uniform =
    facts.uniformPValue ?? (n && c.type === 'numeric' ? chiSquareUniformPValue(n.histogram.map((b) => b.count)) : null);
  if (
    uniform !== null &&
    uniform !== undefined &&
    c.distinct > 1 &&
    uniform > t.uniformPValue &&
    (c.type === 'numeric' || c.type === 'categorical')
  ) {
    add(
      'uniform',
      uniform,
      t.uniformPValue,
      `${q} is uniformly distributed: χ² test p-value ${num(uniform)} (threshold ${t.uniformPValue}).`,
    );
  }
  return alerts;
}

interface PairFigure {
  a: string;
  b: string;
  value: number;
  method: string;
}

function strongPairs(correlations: Correlations, threshold: number): PairFigure[] {
  const best = new Map<string, PairFigure>();
  const consider = (a: string, b: string, value: number | null, method: string) => {
    if (value === null || a === b || !(Math.abs(value) > threshold)) return;
    const key = [a, b].sort().join('\u0000');
    const seen = best.get(key);
    if (!seen || Math.abs(value) > Math.abs(seen.value)) best.set(key, { a, b, value, method });
  };
  for (const [method, matrix] of [
    ['Pearson', correlations.pearson],
    ['Spearman', correlations.spearman],
    ["Cramér's V", correlations.cramersV],
  ] as const) {
    if (!matrix) continue;
    matrix.columns.forEach((a, i) =>
      matrix.columns.forEach((b, j) => j > i && consider(a, b, matrix.values[i][j], method)),
    );
  }
  const ratio = correlations.correlationRatio;
  if (ratio)
    ratio.rows.forEach((a, i) =>
      ratio.columns.forEach((b, j) => consider(a, b, ratio.values[i][j], 'correlation ratio')),
    );
  return [...best.values()];
}

export function buildAlerts(input: {
  rows: number;
  duplicatePercent: number;
  columns: ColumnProfile[];
  facts: Map<string, AlertFacts>;
  correlations: Correlations;
  target?: TargetAnalysis;
  thresholds: AlertThresholds;
}): Alert[] {
  const { thresholds: t } = input;
  const alerts: Alert[] = [];
  if (input.rows === 0)
    alerts.push({
      type: 'empty',
      column: null,
      value: 0,
      threshold: 0,
      message: 'The dataset is empty: it has no rows.',
    });
  if (input.duplicatePercent > t.duplicatesPercent) {
    alerts.push({
      type: 'duplicates',
      column: null,
      value: input.duplicatePercent,
      threshold: t.duplicatesPercent,
      message: `The dataset has duplicate rows: ${pct(input.duplicatePercent)} of the rows repeat an earlier row (threshold ${pct(t.duplicatesPercent)}).`,
    });
  }
  for (const column of input.columns)
    alerts.push(...columnAlerts(column, input.facts.get(column.name) ?? {}, t, input.rows));
  for (const pair of strongPairs(input.correlations, t.correlation)) {
    alerts.push({
      type: 'high_correlation',
      column: pair.a,
      otherColumn: pair.b,
      value: pair.value,
      threshold: t.correlation,
      message: `"${pair.a}" is highly correlated with "${pair.b}": ${pair.method} ${num(pair.value)} (threshold ${t.correlation}).`,
    });
  }
  for (const association of input.target?.associations ?? []) {
    if (Math.abs(association.value) > t.leakage) {
      alerts.push({
        type: 'leakage',
        column: association.column,
        otherColumn: input.target?.column,
        value: association.value,
        threshold: t.leakage,
        message: `Possible target leakage: "${association.column}" predicts the target "${input.target?.column}" almost perfectly (${association.method.replace('_', ' ')} ${num(association.value)}, threshold ${t.leakage}).`,
      });
    }
  }
  return alerts;
}
