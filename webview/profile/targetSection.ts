// The target: its distribution (classes and their imbalance, or the histogram of a numeric
// target) and every feature's association with it, strongest first, with a feature that
// predicts the target almost perfectly marked as a likely leak.
import type { Alert, DatasetProfile, TargetAnalysis } from '../../src/core/profile/profileTypes';
import { h } from '../shared/dom';
import { formatCount } from '../shared/format';
import type { LazyCharts } from './lazyCharts';
import { chartColors, drawBars, drawHistogram } from './profileCharts';
import { figure, linkButton, profileSection } from './profileDom';
import { formatCorrelation, formatPercent, percentOf } from './statsFormat';

const METHOD_NAMES: Record<TargetAnalysis['associations'][number]['method'], string> = {
  pearson: 'Pearson r',
  correlation_ratio: 'correlation ratio η',
  cramers_v: "Cramér's V",
};

function distribution(
  profile: DatasetProfile,
  target: TargetAnalysis,
  alerts: readonly Alert[],
  charts: LazyCharts,
  jump: (c: string) => void,
): Array<HTMLElement | null> {
  const column = profile.columns.find((c) => c.name === target.column);
  if (target.task === 'classification') {
    const classes = target.classes ?? [];
    const total = classes.reduce((sum, c) => sum + c.count, 0);
    const imbalanceAlert = alerts.find((a) => a.type === 'imbalance' && a.column === target.column);
    const chart = h('div', { class: 'chart', role: 'img', 'aria-label': `Classes of ${target.column}` });
    if (classes.length > 0) {
      charts.add(chart, (container) =>
        drawBars(container, {
          labels: classes.map((c) => c.value),
          values: classes.map((c) => c.count),
          text: classes.map((c) => formatPercent(percentOf(c.count, total))),
          hover: classes.map(
            (c) => `${c.value}: ${formatCount(c.count)} rows (${formatPercent(percentOf(c.count, total))})`,
          ),
          valueTitle: 'Rows',
        }),
      );
    }
    return [
      h(
        'div',
        { class: 'figures' },
        figure('Classes', formatCount(classes.length), undefined, 'classes'),
        target.imbalance !== undefined
          ? figure('Imbalance', formatCorrelation(target.imbalance), '1 − minority share / majority share', 'imbalance')
          : null,
      ),
      imbalanceAlert ? h('p', { class: 'target-imbalance-alert' }, imbalanceAlert.message) : null,
      classes.length > 0 ? chart : h('p', { class: 'empty' }, 'No classes: the target has no values.'),
    ];
  }
  const histogram = column?.numeric?.histogram ?? [];
  const chart = h('div', { class: 'chart', role: 'img', 'aria-label': `Distribution of ${target.column}` });
  if (histogram.length > 0)
    charts.add(chart, (container) => drawHistogram(container, histogram, { valueLabel: target.column }));
  return [
    h(
      'p',
      {},
      'Regression target: its full statistics are in ',
      linkButton(target.column, `Go to the column ${target.column}`, () => jump(target.column)),
      '.',
    ),
    histogram.length > 0 ? chart : null,
  ];
}

function associations(
  profile: DatasetProfile,
  target: TargetAnalysis,
  alerts: readonly Alert[],
  charts: LazyCharts,
  jump: (c: string) => void,
): HTMLElement[] {
  const list = target.associations;
  if (list.length === 0) return [h('p', { class: 'empty' }, 'No feature could be related to the target.')];
  const leaks = new Set(alerts.filter((a) => a.type === 'leakage' && a.column !== null).map((a) => a.column as string));
  const threshold = profile.thresholds.leakage;
  const colors = chartColors();
  const chart = h('div', {
    class: 'chart',
    role: 'img',
    'aria-label': `Association of each feature with ${target.column}`,
  });
  charts.add(chart, (container) =>
    drawBars(container, {
      labels: list.map((a) => a.column),
      values: list.map((a) => a.value),
      text: list.map((a) => formatCorrelation(a.value)),
      colors: list.map((a) => (leaks.has(a.column) ? colors.error : colors.primary)),
      hover: list.map(
        (a) =>
          `${a.column}: ${METHOD_NAMES[a.method]} ${formatCorrelation(a.value)}${leaks.has(a.column) ? ' (possible leakage)' : ''}`,
      ),
      valueTitle: 'Association with the target',
      range: [Math.min(0, ...list.map((a) => a.value)) < 0 ? -1.08 : 0, 1.08],
      lines: [
        { x: threshold, color: colors.error },
        ...(list.some((a) => a.value < 0) ? [{ x: -threshold, color: colors.error }] : []),
      ],
    }),
  );
  const table = h(
    'table',
    { class: 'report-table associations-table', 'aria-label': 'Associations with the target' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Feature'),
        h('th', { scope: 'col' }, 'Measure'),
        h('th', { scope: 'col', class: 'num' }, 'Value'),
        h('th', { scope: 'col' }, ''),
      ),
    ),
    h(
      'tbody',
      {},
      ...list.map((a) =>
        h(
          'tr',
          { class: leaks.has(a.column) ? 'leakage-row' : undefined, 'data-column': a.column },
          h(
            'td',
            {},
            linkButton(a.column, `Go to the column ${a.column}`, () => jump(a.column)),
          ),
          h('td', {}, METHOD_NAMES[a.method]),
          h('td', { class: 'num' }, formatCorrelation(a.value)),
          h('td', {}, leaks.has(a.column) ? `Possible leakage (above ${formatCorrelation(threshold)})` : ''),
        ),
      ),
    ),
  );
  return [
    h('h3', {}, 'Association with the target'),
    h(
      'p',
      { class: 'report-meta' },
      `Strongest first. A feature above ${formatCorrelation(threshold)} predicts the target almost by itself: check that it is known at prediction time.`,
    ),
    chart,
    table,
  ];
}

export function targetSection(
  profile: DatasetProfile,
  alerts: readonly Alert[],
  charts: LazyCharts,
  jump: (c: string) => void,
): HTMLElement | null {
  const target = profile.target;
  if (!target) return null;
  return profileSection(
    'target',
    `Target: ${target.column}`,
    h(
      'p',
      { class: 'report-meta' },
      target.task === 'classification' ? 'Classification target.' : 'Regression target.',
    ),
    ...distribution(profile, target, alerts, charts, jump),
    ...associations(profile, target, alerts, charts, jump),
  );
}
