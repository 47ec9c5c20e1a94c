// The run at a glance: the charter's KPIs as pass / fail chips, and every model of the run in
// one table, baselines first: cross-validated mean ± std and holdout value of the primary
// metric, the change against the baseline (flagged when a model does not beat it), the other
// headline metrics, and the error of a model that failed. Then the folds' spread per model.
import type { KpiCheck, RunModelResult } from '../../src/core/model/runTypes';
import type { EvaluationRun } from '../../src/protocol/webview';
import { h } from '../shared/dom';
import { drawFoldSpread } from './evaluationCharts';
import { chip, select, section, table, type Cell, type ChartTracker } from './evaluationDom';
import {
  formatDelta,
  formatMeanStd,
  formatMetric,
  greaterIsBetter,
  judged,
  metricLabel,
  orderModels,
  tableMetrics,
} from './metrics';

export function kpiChips(kpis: readonly KpiCheck[]): HTMLElement {
  return h(
    'div',
    { class: 'chips', role: 'list', 'aria-label': "Charter's KPIs" },
    ...kpis.map((kpi) => {
      const op = greaterIsBetter(kpi.metric) ? '≥' : '≤';
      const value = kpi.value === undefined ? 'not measured' : formatMetric(kpi.value);
      const text = `${kpi.pass ? '✓' : '✗'} ${metricLabel(kpi.metric)} ${value} (target ${op} ${formatMetric(kpi.threshold)})`;
      return chip(text, kpi.pass ? 'pass' : 'fail', kpi.name ?? `${kpi.metric} ${op} ${kpi.threshold}`, {
        role: 'listitem',
        'data-kpi': kpi.metric,
        'data-pass': String(kpi.pass),
      });
    }),
  );
}

function nameCell(model: RunModelResult, onSelect: (name: string) => void): Cell {
  const pick = h('button', { type: 'button', class: 'link-button', title: `Show ${model.name} in detail` }, model.name);
  pick.addEventListener('click', () => onSelect(model.name));
  const flags: Node[] = [];
  if (model.baseline) flags.push(chip('baseline', 'info'));
  if (!model.baseline && model.vsBaseline && !model.vsBaseline.beats) {
    flags.push(
      chip(
        'does not beat the baseline',
        'fail',
        `${model.vsBaseline.metric}: ${formatMetric(model.vsBaseline.value)} vs ${model.vsBaseline.baseline} ${formatMetric(model.vsBaseline.baselineValue)}`,
        { 'data-flag': 'not-beating-baseline' },
      ),
    );
  }
  if (model.error) flags.push(chip('failed', 'fail', model.error, { 'data-flag': 'failed' }));
  return {
    text: h('span', {}, model.error ? model.name : pick, h('span', { class: 'model-kind' }, model.kind), ' ', ...flags),
  };
}

function deltaCell(model: RunModelResult): Cell {
  const vs = model.vsBaseline;
  if (model.baseline) return { text: 'reference', class: 'muted' };
  if (!vs) return { text: '—', num: true };
  return {
    text: formatDelta(vs.delta),
    num: true,
    class: vs.beats ? 'better' : 'worse',
    title: `${metricLabel(vs.metric)} ${formatMetric(vs.value)} vs ${vs.baseline} ${formatMetric(vs.baselineValue)}`,
  };
}

export function modelsTable(run: EvaluationRun, selected: string, onSelect: (name: string) => void): HTMLElement {
  const primary = run.primaryMetric;
  const models = orderModels(run.models, primary);
  const available = new Set(
    models.flatMap((m) => [...Object.keys(m.metrics.holdout ?? {}), ...Object.keys(m.metrics.cv ?? {})]),
  );
  const others = tableMetrics(run.task, primary, available).slice(1);
  const headers: Array<string | Cell> = [
    'Model',
    { text: `${metricLabel(primary)} (CV)`, num: true },
    { text: `${metricLabel(primary)} (holdout)`, num: true },
    {
      text: 'vs baseline',
      num: true,
      title: 'Change of the primary metric against the best baseline (holdout, else CV)',
    },
    ...others.map((m) => ({ text: metricLabel(m), num: true })),
    { text: 'Fit', num: true, title: 'Fit time on the training data' },
  ];
  const rows = models.map((model) => {
    const cv = model.metrics.cv?.[primary];
    const holdout = model.metrics.holdout?.[primary];
    const classes = [
      model.baseline ? 'baseline-row' : '',
      model.error ? 'failed-row' : '',
      model.name === selected ? 'selected-row' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const cells: Array<Cell | string> = model.error
      ? [nameCell(model, onSelect), { text: model.error, class: 'error-text wrap', colspan: 4 + others.length }]
      : [
          nameCell(model, onSelect),
          {
            text: cv ? formatMeanStd(cv.mean, cv.std) : '—',
            num: true,
            title: cv ? `folds: ${cv.folds.map((f) => formatMetric(f)).join(', ')}` : undefined,
          },
          { text: formatMetric(holdout), num: true },
          deltaCell(model),
          ...others.map((m) => ({ text: formatMetric(judged(model, m)), num: true })),
          { text: `${(model.timings.fitMs / 1000).toFixed(2)} s`, num: true },
        ];
    return { cells, class: classes || undefined, attrs: { 'data-model': model.name } };
  });
  const holdoutNote =
    run.holdoutSource === 'none'
      ? 'No holdout: values are the cross-validated means.'
      : `Holdout: ${run.rows.holdout} rows (${run.holdoutSource === 'file' ? 'the holdout file' : 'split from the training data'}), untouched by training.`;
  return h(
    'div',
    {},
    h('div', { class: 'table-scroll' }, table('Models of the run', headers, rows)),
    h('p', { class: 'eval-note' }, `${holdoutNote} Other metrics: holdout, else CV mean.`),
  );
}

/** The folds of every model on one metric, side by side; the reader picks the metric. */
export function foldSpread(run: EvaluationRun, charts: ChartTracker, selected: () => string): HTMLElement | null {
  const models = orderModels(run.models, run.primaryMetric).filter((m) => !m.error && m.metrics.cv);
  const metrics = [...new Set(models.flatMap((m) => Object.keys(m.metrics.cv ?? {})))].filter((m) =>
    models.some((x) => (x.metrics.cv?.[m]?.folds.length ?? 0) > 0),
  );
  if (metrics.length === 0) return null;
  let metric = metrics.includes(run.primaryMetric) ? run.primaryMetric : metrics[0];
  const drawer = (container: HTMLElement) =>
    drawFoldSpread(
      container,
      models.map((m) => ({
        model: m.name,
        folds: m.metrics.cv?.[metric]?.folds ?? [],
        highlight: m.name === selected(),
      })),
      metric,
    );
  const chart = charts.box('folds', drawer, 'Per-fold values of every model');
  const picker = select(
    'fold-metric',
    'Metric',
    metrics.map((m) => ({ value: m, label: metricLabel(m) })),
    metric,
    (value) => {
      if (!metrics.includes(value) || value === metric) return;
      metric = value;
      charts.run(chart, drawer);
    },
  );
  return section(
    'folds',
    'Cross-validation spread',
    h('p', { class: 'eval-note' }, 'Each point is one fold; a wide box means the score depends on the split.'),
    h('div', { class: 'toolbar' }, picker),
    chart,
  );
}
