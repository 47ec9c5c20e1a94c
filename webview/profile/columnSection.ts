// One column of the profile: its inferred type with the evidence, its figures, and its chart (a
// histogram for numbers and dates, the most frequent values for the rest), drawn lazily.
import type { Alert, AlertType, ColumnProfile } from '../../src/core/profile/profileTypes';
import { h } from '../shared/dom';
import { chartTheme } from '../shared/theme';
import { formatBytes, formatCount } from '../shared/format';
import { alertLabel, alertSeverity } from './alertKinds';
import type { LazyCharts } from './lazyCharts';
import { chartColors, drawBars, drawHistogram } from './profileCharts';
import { statsTable, type StatRow } from './profileDom';
import { formatDateValue, formatNumber, formatPercent, percentOf } from './statsFormat';

export const TYPE_LABELS: Record<ColumnProfile['type'], string> = {
  numeric: 'Numeric',
  categorical: 'Categorical',
  boolean: 'Boolean',
  datetime: 'Date/time',
  text: 'Text',
  id: 'Identifier',
  unsupported: 'Unsupported',
};

/** The most frequent values a bar chart shows. */
const TOP_BARS = 15;

function countAndPercent(count: number, percent: number): string {
  return `${formatCount(count)} (${formatPercent(percent)})`;
}

/** "8,939 × 'None', 12 × empty cell": which texts the column's missing cells held. */
export function markerCountsText(column: Pick<ColumnProfile, 'missingMarkers'>): string {
  return (column.missingMarkers ?? [])
    .map((m) => `${formatCount(m.count)} × ${m.marker === '' ? 'empty cell' : `'${m.marker}'`}`)
    .join(', ');
}

function summaryRows(column: ColumnProfile, rows: number, flagged: ReadonlySet<AlertType>): StatRow[] {
  const out: StatRow[] = [
    { label: 'Present', value: formatCount(column.count) },
    { label: 'Missing', value: countAndPercent(column.missing, column.missingPercent), warn: flagged.has('missing') },
    ...(column.missingMarkers && column.missingMarkers.length > 0
      ? [
          {
            label: 'Read as missing',
            value: markerCountsText(column),
            title: 'The cell texts read as missing (mlcycle.yaml missingValues), counted over every row of the file.',
            warn: flagged.has('missing_marker'),
          },
        ]
      : []),
    {
      label: 'Distinct',
      value: countAndPercent(column.distinct, column.distinctPercent),
      warn: flagged.has('high_cardinality') || flagged.has('unique') || flagged.has('constant'),
    },
  ];
  if (column.numeric) {
    out.push(
      {
        label: 'Zeros',
        value: countAndPercent(column.numeric.zeros, percentOf(column.numeric.zeros, rows)),
        warn: flagged.has('zeros'),
      },
      { label: 'Infinite', value: formatCount(column.numeric.infinite), warn: flagged.has('infinite') },
    );
  }
  out.push({ label: 'Memory', value: formatBytes(column.memoryBytes) });
  return out;
}

/** The full-precision figure, for the tooltip of a rounded one. */
function exact(value: number | null): string {
  return value !== null && Number.isFinite(value) ? String(value) : formatNumber(value);
}

function numericRows(column: ColumnProfile, flagged: ReadonlySet<AlertType>): StatRow[] {
  const n = column.numeric!;
  const row = (label: string, value: number | null, warn = false): StatRow => ({
    label,
    value: formatNumber(value),
    title: exact(value),
    warn,
  });
  return [
    row('Mean', n.mean),
    row('Std. deviation', n.std),
    row('Minimum', n.min),
    row('5th percentile', n.quantiles.p5),
    row('Q1 (25th)', n.quantiles.p25),
    row('Median', n.quantiles.p50),
    row('Q3 (75th)', n.quantiles.p75),
    row('95th percentile', n.quantiles.p95),
    row('Maximum', n.max),
    row('Range', n.range),
    row('IQR', n.iqr),
    row('MAD', n.mad),
    row('Skewness', n.skewness, flagged.has('skewed')),
    row('Kurtosis', n.kurtosis),
    row('Sum', n.sum),
    { label: 'Monotonic', value: n.monotonic },
  ];
}

function textRows(column: ColumnProfile, flagged: ReadonlySet<AlertType>): StatRow[] {
  const t = column.text!;
  return [
    { label: 'Rare values', value: formatCount(t.rareCategories) },
    { label: 'Shortest', value: `${formatCount(t.length.min)} chars`, warn: flagged.has('constant_length') },
    { label: 'Mean length', value: `${formatNumber(t.length.mean)} chars` },
    { label: 'Longest', value: `${formatCount(t.length.max)} chars`, warn: flagged.has('constant_length') },
    ...(t.top[0]
      ? [
          {
            label: 'Most frequent',
            value: t.top[0].value === '' ? '(empty)' : t.top[0].value,
            title: `${t.top[0].count} rows`,
          },
        ]
      : []),
  ];
}

/** One badge per kind of alert ("High correlation ×2" for two pairs), its messages in the tooltip. */
function alertBadges(alerts: readonly Alert[]): HTMLElement[] {
  const byType = new Map<AlertType, Alert[]>();
  for (const alert of alerts) byType.set(alert.type, [...(byType.get(alert.type) ?? []), alert]);
  return [...byType].map(([type, list]) =>
    h(
      'span',
      {
        class: `alert-kind severity-${alertSeverity(type)}`,
        title: list.map((a) => a.message).join('\n'),
        'data-alert': type,
      },
      list.length > 1 ? `${alertLabel(type)} ×${list.length}` : alertLabel(type),
    ),
  );
}

/** What the column's chart area draws, or why it has no chart. */
function chartOf(column: ColumnProfile): ((container: HTMLElement) => Promise<void>) | string {
  if (column.count === 0) return 'No values: nothing to chart.';
  if (column.numeric && column.numeric.histogram.length > 0) {
    return (container) => drawHistogram(container, column.numeric!.histogram, { valueLabel: column.name });
  }
  if (column.datetime && column.datetime.histogram.length > 0) {
    return (container) =>
      drawHistogram(container, column.datetime!.histogram, { dates: true, valueLabel: column.name });
  }
  const top = column.text?.top ?? [];
  if (top.length === 0) return 'No frequent values to chart.';
  if (top[0].count <= 1) return 'Every value occurs once: no frequent values to chart.';
  return (container) => {
    const shown = top.slice(0, TOP_BARS);
    const rest = column.count - shown.reduce((sum, v) => sum + v.count, 0);
    const otherValues = column.distinct - shown.length;
    const labels = shown.map((v) => v.value);
    const values = shown.map((v) => v.count);
    const colors = chartColors();
    const barColors = shown.map(() => colors.primary);
    if (rest > 0 && otherValues > 0) {
      labels.push(`(${formatCount(otherValues)} other values)`);
      values.push(rest);
      barColors.push(chartTheme().muted);
    }
    return drawBars(container, {
      labels,
      values,
      colors: barColors,
      text: values.map((v) => formatPercent(percentOf(v, column.count))),
      hover: labels.map(
        (l, i) =>
          `${l === '' ? '(empty)' : l}: ${formatCount(values[i])} rows (${formatPercent(percentOf(values[i], column.count))})`,
      ),
      valueTitle: 'Rows',
    });
  };
}

export interface ColumnSectionOptions {
  column: ColumnProfile;
  index: number;
  rows: number;
  alerts: readonly Alert[];
  isTarget: boolean;
  charts: LazyCharts;
}

export function columnSectionId(index: number): string {
  return `column-${index}`;
}

export function columnSection(options: ColumnSectionOptions): HTMLElement {
  const { column, alerts } = options;
  const flagged = new Set(alerts.filter((a) => a.column === column.name).map((a) => a.type));
  const tables = [statsTable(`${column.name}: summary`, summaryRows(column, options.rows, flagged))];
  if (column.numeric) tables.push(statsTable(`${column.name}: statistics`, numericRows(column, flagged)));
  if (column.text) tables.push(statsTable(`${column.name}: values`, textRows(column, flagged)));
  if (column.datetime) {
    tables.push(
      statsTable(`${column.name}: range`, [
        { label: 'Earliest', value: formatDateValue(column.datetime.min), title: column.datetime.min },
        { label: 'Latest', value: formatDateValue(column.datetime.max), title: column.datetime.max },
      ]),
    );
  }
  const chart = h('div', { class: 'chart', role: 'img', 'aria-label': `Distribution of ${column.name}` });
  const draw = chartOf(column);
  if (typeof draw === 'string') {
    chart.classList.add('chart-pending');
    chart.textContent = draw;
  } else {
    options.charts.add(chart, draw);
  }
  return h(
    'section',
    { class: 'column', id: columnSectionId(options.index), 'data-column': column.name, 'data-type': column.type },
    h(
      'h3',
      { tabindex: -1 },
      h('span', { class: 'column-name' }, column.name),
      h(
        'span',
        { class: 'type-badge', title: `Inferred type: ${column.type}` },
        TYPE_LABELS[column.type] ?? column.type,
      ),
      options.isTarget
        ? h('span', { class: 'target-badge', title: 'The column the project predicts' }, 'Target')
        : null,
      ...alertBadges(alerts),
    ),
    h('p', { class: 'evidence' }, h('code', {}, column.evidence.storageType), ' ', column.evidence.reason),
    h('div', { class: 'column-body' }, h('div', { class: 'stats-tables' }, ...tables), chart),
  );
}
