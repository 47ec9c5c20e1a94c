// The run's analyses of its best model: where it errs (the worst slices and rows, with their
// line numbers in the source file), whether it is fair across the sensitive groups (every
// metric per group, difference and ratio, demographic parity and equalized odds), which
// features it relies on (permutation importance), and why each feature was kept or dropped.
import type {
  ErrorAnalysis,
  FairnessColumn,
  FairnessReport,
  FeatureImportance,
} from '../../src/core/model/evaluation/evaluationTypes';
import type { FeatureRationale } from '../../src/core/model/runTypes';
import { h } from '../shared/dom';
import { formatCount } from '../shared/format';
import { drawFairness, drawImportance } from './evaluationCharts';
import { chip, note, section, select, table, type ChartTracker, type Row } from './evaluationDom';
import { formatMetric, formatPercent, greaterIsBetter, metricLabel } from './metrics';

const ON = { holdout: 'the holdout', cv: 'out-of-fold predictions' } as const;

function valueText(value: string | number | null): string {
  if (value === null) return '(missing)';
  return typeof value === 'number' ? formatMetric(value) : value;
}

export function errorSection(analysis: ErrorAnalysis | undefined): HTMLElement {
  if (!analysis) return section('errors', 'Error analysis', note('The run records no error analysis.'));
  const measure = analysis.measure === 'error_rate' ? 'Error rate' : 'Mean absolute error';
  const format = (v: number) => (analysis.measure === 'error_rate' ? formatPercent(v) : formatMetric(v));
  const slices =
    analysis.slices.length === 0
      ? note('No slice does worse than the whole.')
      : table(
          'Worst slices',
          [
            'Slice',
            { text: 'Rows', num: true },
            { text: measure, num: true },
            { text: 'Overall', num: true },
            { text: 'Ratio', num: true },
          ],
          analysis.slices.map((s) => ({
            cells: [
              { text: s.description, class: 'wrap' },
              { text: formatCount(s.count), num: true },
              { text: format(s.error), num: true, class: 'worse' },
              { text: format(s.overallError), num: true },
              { text: s.overallError > 0 ? `${(s.error / s.overallError).toFixed(2)}×` : '—', num: true },
            ],
            attrs: { 'data-slice': s.feature },
          })),
        );
  const features = [...new Set(analysis.worstRows.flatMap((r) => Object.keys(r.values)))].slice(0, 8);
  const rows =
    analysis.worstRows.length === 0
      ? note('No rows to list.')
      : h(
          'div',
          { class: 'table-scroll' },
          table(
            'Worst rows',
            [
              { text: 'Line', num: true },
              'Actual',
              'Predicted',
              { text: analysis.measure === 'error_rate' ? 'Log loss' : 'Abs. error', num: true },
              ...features,
            ],
            analysis.worstRows.map((r) => ({
              cells: [
                {
                  text: r.line === undefined ? `#${r.index + 1}` : String(r.line),
                  num: true,
                  title: r.line === undefined ? 'Row of the evaluated data (no line known)' : 'Line in the source file',
                },
                String(r.actual),
                {
                  text: String(r.predicted),
                  class: analysis.measure === 'error_rate' && r.actual !== r.predicted ? 'worse' : undefined,
                },
                { text: formatMetric(r.loss), num: true },
                ...features.map((f) => valueText(r.values[f] ?? null)),
              ],
              attrs: { 'data-line': String(r.line ?? '') },
            })),
          ),
        );
  return section(
    'errors',
    'Error analysis',
    note(`${analysis.model} on ${ON[analysis.on]}: overall ${measure.toLowerCase()} ${format(analysis.overallError)}.`),
    h('h3', {}, 'Worst slices'),
    slices,
    h('h3', {}, 'Worst rows'),
    rows,
  );
}

function fairnessColumn(column: FairnessColumn, charts: ChartTracker): HTMLElement {
  const metrics = [...new Set(column.groups.flatMap((g) => Object.keys(g.metrics)))];
  const hasSelection = column.groups.some((g) => g.selectionRate !== undefined);
  const headers = [
    'Group',
    { text: 'Rows', num: true },
    ...metrics.map((m) => ({ text: metricLabel(m), num: true })),
    ...(hasSelection ? [{ text: 'Selection rate', num: true }] : []),
  ];
  const rows: Row[] = column.groups.map((g) => ({
    cells: [
      g.group,
      { text: formatCount(g.count), num: true },
      ...metrics.map((m) => ({ text: formatMetric(g.metrics[m]), num: true })),
      ...(hasSelection ? [{ text: formatMetric(g.selectionRate), num: true }] : []),
    ],
    attrs: { 'data-group': g.group },
  }));
  rows.push({
    cells: [
      { text: 'Difference (max − min)', class: 'muted' },
      '',
      ...metrics.map((m) => ({ text: formatMetric(column.difference[m]), num: true })),
      ...(hasSelection ? [''] : []),
    ],
    attrs: { 'data-group': '' },
  });
  rows.push({
    cells: [
      { text: 'Ratio (min / max)', class: 'muted' },
      '',
      ...metrics.map((m) => ({ text: formatMetric(column.ratio[m]), num: true })),
      ...(hasSelection ? [''] : []),
    ],
    attrs: { 'data-group': '' },
  });
  const chips: HTMLElement[] = [];
  if (column.demographicParityDifference !== undefined)
    chips.push(
      chip(
        `Demographic parity difference ${formatMetric(column.demographicParityDifference)}`,
        'info',
        'Max − min selection rate between groups (0 = parity)',
      ),
    );
  if (column.equalizedOddsDifference !== undefined)
    chips.push(
      chip(
        `Equalized odds difference ${formatMetric(column.equalizedOddsDifference)}`,
        'info',
        'Largest TPR or FPR gap between groups (0 = parity)',
      ),
    );
  // One scale per chart: the scores in [0, 1] when there are any (classification), else the errors (regression).
  const scores = metrics.filter((m) => greaterIsBetter(m) && m !== 'r2');
  const chartMetrics = [
    ...(scores.length > 0 ? scores : metrics.filter((m) => m !== 'r2' && m !== 'mse')).slice(0, 5),
    ...(hasSelection ? ['selection_rate'] : []),
  ];
  return h(
    'div',
    { class: 'fairness-column', 'data-column': column.column },
    h('h3', {}, column.column),
    chips.length ? h('div', { class: 'chips' }, ...chips) : null,
    h('div', { class: 'table-scroll' }, table(`Metrics per group of ${column.column}`, headers, rows)),
    chartMetrics.length
      ? charts.box('fairness', (c) => drawFairness(c, column, chartMetrics), `Metrics per group of ${column.column}`)
      : null,
  );
}

export function fairnessSection(report: FairnessReport | undefined, charts: ChartTracker): HTMLElement {
  if (!report || report.columns.length === 0) {
    return section(
      'fairness',
      'Fairness',
      note('No sensitive columns were analysed: name them in mlcycle.yaml (sensitiveColumns) or the pipeline spec.'),
    );
  }
  let shown = report.columns[0].column;
  const holder = h('div', {}, fairnessColumn(report.columns[0], charts));
  const picker =
    report.columns.length > 1
      ? h(
          'div',
          { class: 'toolbar' },
          select(
            'fairness-column',
            'Sensitive column',
            report.columns.map((c) => ({ value: c.column, label: c.column })),
            shown,
            (value) => {
              const column = report.columns.find((c) => c.column === value);
              if (!column || value === shown) return;
              shown = value;
              holder.replaceChildren(fairnessColumn(column, charts));
            },
          ),
        )
      : null;
  return section(
    'fairness',
    'Fairness',
    note(`${report.model} on ${ON[report.on]}, per group (the Fairlearn MetricFrame idea).`),
    picker,
    holder,
  );
}

export function importanceSection(importance: FeatureImportance | undefined, charts: ChartTracker): HTMLElement {
  if (!importance || importance.features.length === 0)
    return section('importance', 'Feature importance', note('The run records no feature importance.'));
  return section(
    'importance',
    'Permutation feature importance',
    note(
      `${importance.model}: how much ${metricLabel(importance.metric)} drops when a feature's values are shuffled (mean ± std over ${importance.repeats} repeats).`,
    ),
    charts.box('importance', (c) => drawImportance(c, importance), 'Permutation importance of each feature'),
  );
}

export function rationaleSection(rationale: readonly FeatureRationale[], selected: readonly string[]): HTMLElement {
  if (rationale.length === 0)
    return section('features', 'Features', note(`Features used: ${selected.join(', ') || 'none recorded'}.`));
  const kept = rationale.filter((r) => r.included).length;
  return section(
    'features',
    'Feature rationale',
    note(`${kept} of ${rationale.length} features kept.`),
    h(
      'div',
      { class: 'table-scroll' },
      table(
        'Why each feature was kept or dropped',
        ['Feature', 'Kept', 'Why', { text: 'Score', num: true }],
        [...rationale]
          .sort((a, b) => Number(b.included) - Number(a.included))
          .map((r) => ({
            cells: [
              r.feature,
              r.included ? chip('kept', 'pass') : chip('dropped', 'info'),
              { text: r.reason, class: 'wrap' },
              { text: r.score === undefined ? '' : formatMetric(r.score), num: true },
            ],
            class: r.included ? undefined : 'dropped',
            attrs: { 'data-feature': r.feature },
          })),
      ),
    ),
  );
}
