// Two or more training runs side by side: the metrics of each run's best model (or of every
// model) in one table with the best value of each metric highlighted, and the curves of each
// run's best model overlaid: ROC and precision-recall for classification (one class at a
// time for multi-class tasks), predicted-vs-actual for regression.
import type { CompareReport, CompareRun } from '../../src/protocol/webview';
import { h } from '../shared/dom';
import { formatDateTime } from '../shared/format';
import { reportHeader } from '../shared/header';
import type { RenderContext, ReportView } from '../shared/report';
import { drawCurves, drawPredictedVsActual } from '../evaluation/evaluationCharts';
import { ChartTracker, chip, note, section, select, table, type Cell } from '../evaluation/evaluationDom';
import { adoptEvaluationStyles } from '../evaluation/evaluationStyles';
import { bestIndices, formatMetric, metricLabel, TABLE_METRICS } from '../evaluation/metrics';

const state: { scope: 'best' | 'all'; curveClass?: string } = { scope: 'best' };

interface Entry {
  run: CompareRun;
  model: CompareRun['models'][number];
}

function entriesOf(report: CompareReport): Entry[] {
  return report.runs.flatMap((run) =>
    run.models.filter((m) => state.scope === 'all' || m.name === run.bestModel).map((model) => ({ run, model })),
  );
}

/** The primary metrics first, then the task's headline metrics, then any other metric the entries share. */
export function compareMetrics(report: CompareReport, entries: readonly Entry[]): string[] {
  const task = report.runs[0]?.task ?? 'classification';
  const present = new Set(entries.flatMap((e) => Object.keys(e.model.metrics)));
  const ordered = [...new Set([...report.runs.map((r) => r.primaryMetric), ...TABLE_METRICS[task]])].filter((m) =>
    present.has(m),
  );
  const rest = [...present].filter((m) => !ordered.includes(m)).sort();
  return [...ordered, ...rest];
}

function metricsTable(report: CompareReport): HTMLElement {
  const entries = entriesOf(report);
  const metrics = compareMetrics(report, entries);
  const best = new Map(
    metrics.map((m) => [
      m,
      new Set(
        bestIndices(
          entries.map((e) => (e.model.error ? undefined : e.model.metrics[m])),
          m,
        ),
      ),
    ]),
  );
  const headers: Array<string | Cell> = [
    'Run',
    'Model',
    ...metrics.map((m) => ({ text: metricLabel(m), num: true, title: m })),
  ];
  const rows = entries.map((entry, i) => ({
    cells: [
      {
        text: h(
          'span',
          {},
          h('code', {}, entry.run.runId),
          ' ',
          entry.run.kpisPass === undefined
            ? ''
            : chip(entry.run.kpisPass ? 'pass' : 'fail', entry.run.kpisPass ? 'pass' : 'fail'),
        ),
        title: formatDateTime(entry.run.createdAt),
      },
      {
        text: `${entry.model.name}${entry.model.baseline ? ' (baseline)' : ''}${entry.model.on === 'cv' ? ' · CV' : ''}`,
        title: entry.model.error ?? entry.model.kind,
      },
      ...metrics.map((m) => ({
        text: entry.model.error ? '—' : formatMetric(entry.model.metrics[m]),
        num: true,
        class: best.get(m)?.has(i) && entries.length > 1 ? 'best' : undefined,
      })),
    ],
    attrs: { 'data-run': entry.run.runId, 'data-model': entry.model.name },
  }));
  return h('div', { class: 'table-scroll' }, table('Metrics of the compared runs', headers, rows));
}

function classificationCurves(report: CompareReport, charts: ChartTracker): HTMLElement[] {
  const classes = [...new Set(report.runs.flatMap((r) => (r.roc ?? []).map((c) => c.class)))];
  if (classes.length === 0) return [note('No curves: the runs record no evaluation of their best models.')];
  let chosen =
    state.curveClass && classes.includes(state.curveClass) ? state.curveClass : classes[classes.length === 1 ? 0 : 0];
  const curvesOf = (kind: 'roc' | 'pr') =>
    report.runs.flatMap((run) => {
      const curve = (run[kind] ?? []).find((c) => c.class === chosen);
      return curve ? [{ curve, label: `${run.runId} ${run.bestModel}` }] : [];
    });
  const drawRoc = (c: HTMLElement) => {
    const list = curvesOf('roc');
    return drawCurves(
      c,
      list.map((x) => x.curve),
      'roc',
      (_, i) => list[i].label,
    );
  };
  const drawPr = (c: HTMLElement) => {
    const list = curvesOf('pr');
    return drawCurves(
      c,
      list.map((x) => x.curve),
      'pr',
      (_, i) => list[i].label,
    );
  };
  const roc = charts.box('compare-roc', drawRoc, 'ROC curves of the runs');
  const pr = charts.box('compare-pr', drawPr, 'Precision-recall curves of the runs');
  const picker =
    classes.length > 1
      ? h(
          'div',
          { class: 'toolbar' },
          select(
            'curve-class',
            'Class (one vs rest)',
            classes.map((c) => ({ value: c, label: c })),
            chosen,
            (value) => {
              if (!classes.includes(value) || value === chosen) return;
              chosen = value;
              state.curveClass = value;
              charts.run(roc, drawRoc);
              charts.run(pr, drawPr);
            },
          ),
        )
      : null;
  return [
    ...(picker ? [picker] : []),
    h(
      'div',
      { class: 'charts-grid' },
      h('div', { class: 'chart-card' }, h('h3', {}, 'ROC'), roc),
      h('div', { class: 'chart-card' }, h('h3', {}, 'Precision-recall'), pr),
    ),
  ];
}

function regressionCurves(report: CompareReport, charts: ChartTracker): HTMLElement[] {
  const series = report.runs
    .filter((r) => r.points)
    .map((r) => ({ name: `${r.runId} ${r.bestModel}`, actual: r.points!.actual, predicted: r.points!.predicted }));
  if (series.length === 0) return [note('No points: the runs record no evaluation of their best models.')];
  return [
    charts.box(
      'compare-predicted-vs-actual',
      (c) => drawPredictedVsActual(c, series, 'target'),
      'Predicted against actual, per run',
    ),
  ];
}

export const compareView: ReportView<'compare'> = {
  kind: 'compare',
  async render(report: CompareReport, root: HTMLElement, context: RenderContext) {
    adoptEvaluationStyles();
    const charts = new ChartTracker((message) => context.host.post({ type: 'problem', message }));
    const holder = h('div', {}, metricsTable(report));
    const scope = select(
      'compare-scope',
      'Show',
      [
        { value: 'best', label: 'The best model of each run' },
        { value: 'all', label: 'Every model' },
      ],
      state.scope,
      (value) => {
        if (value !== 'best' && value !== 'all') return;
        state.scope = value;
        holder.replaceChildren(metricsTable(report));
      },
    );
    const task = report.runs[0]?.task;
    root.append(
      reportHeader(
        `Comparing ${report.runs.length} runs`,
        report.generatedAt,
        context,
        h(
          'p',
          { class: 'report-facts' },
          `${task ?? ''} · runs `,
          ...report.runs.flatMap((r, i) => [i > 0 ? ', ' : '', h('code', {}, r.runId)]),
        ),
      ),
      section(
        'metrics',
        'Metrics',
        note('Holdout values, else cross-validated means; the best value of each metric is highlighted.'),
        h('div', { class: 'toolbar' }, scope),
        holder,
        report.omitted?.length ? note(`Left out: ${report.omitted.join('; ')}.`) : null,
      ),
      section(
        'curves',
        task === 'regression' ? 'Predicted vs actual' : 'Curves of the best models',
        ...(task === 'regression' ? regressionCurves(report, charts) : classificationCurves(report, charts)),
      ),
    );
    await charts.settled();
  },
};
