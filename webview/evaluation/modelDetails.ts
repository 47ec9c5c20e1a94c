// One model in depth, chosen with a picker: every metric of its evaluation (holdout, else
// out-of-fold), then for classification the per-class table, the confusion matrix (counts or
// normalised), ROC, PR and calibration curves and, for binary tasks, the threshold analysis
// with a slider; for regression predicted-vs-actual, residuals and their histogram.
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type {
  ClassificationEvaluation,
  ModelEvaluation,
  RegressionEvaluation,
  ThresholdAnalysis,
} from '../../src/core/model/evaluation/evaluationTypes';
import type { RunModelResult } from '../../src/core/model/runTypes';
import type { EvaluationRun } from '../../src/protocol/webview';
import { custom, h } from '../shared/dom';
import { formatCount } from '../shared/format';
import {
  drawCalibration,
  drawConfusion,
  drawCurves,
  drawPredictedVsActual,
  drawResidualHistogram,
  drawResiduals,
  drawThresholdSweep,
} from './evaluationCharts';
import { note, table, type ChartTracker } from './evaluationDom';
import { formatMetric, formatPercent, metricLabel, thresholdPoint } from './metrics';

/** What the reader chose, kept across redraws of the page (a theme change, a refresh). */
export const detailState: { normalised: boolean; threshold?: number } = { normalised: false };

function card(title: string, ...children: Array<Node | string | null>): HTMLElement {
  return h('div', { class: 'chart-card' }, h('h3', {}, title), ...children);
}

function metricsTable(evaluation: ModelEvaluation): HTMLElement {
  const rows = Object.entries(evaluation.metrics).map(([name, value]) => ({
    cells: [
      { text: metricLabel(name), title: name },
      { text: formatMetric(value), num: true, title: String(value) },
    ],
    attrs: { 'data-metric': name },
  }));
  return table('Metrics of the model', ['Metric', { text: 'Value', num: true }], rows);
}

function perClassTable(evaluation: ClassificationEvaluation): HTMLElement {
  return table(
    'Per-class metrics',
    [
      'Class',
      { text: 'Precision', num: true },
      { text: 'Recall', num: true },
      { text: 'F1', num: true },
      { text: 'Support', num: true },
    ],
    evaluation.perClass.map((c) => ({
      cells: [
        c.class,
        { text: formatMetric(c.precision), num: true },
        { text: formatMetric(c.recall), num: true },
        { text: formatMetric(c.f1), num: true },
        { text: formatCount(c.support), num: true },
      ],
    })),
  );
}

function thresholdCard(analysis: ThresholdAnalysis, positive: string, charts: ChartTracker): HTMLElement {
  const initial = detailState.threshold ?? 0.5;
  const readout = h('span', { class: 'threshold-readout', 'aria-live': 'polite', 'data-readout': 'threshold' });
  const slider = h('input', {
    type: 'range',
    min: '0',
    max: '1',
    step: '0.01',
    value: String(initial),
    id: 'threshold-slider',
    'aria-label': `Decision threshold for ${positive}`,
  });
  let chosen = initial;
  const show = () => {
    const point = thresholdPoint(analysis, chosen);
    readout.replaceChildren(
      point
        ? h(
            'span',
            {},
            'At ',
            h('b', {}, formatMetric(point.threshold)),
            `: precision ${formatMetric(point.precision)}, recall ${formatMetric(point.recall)}, F1 ${formatMetric(point.f1)}, accuracy ${formatMetric(point.accuracy)}, ${formatPercent(point.positiveRate)} predicted ${positive}`,
          )
        : 'No threshold analysed.',
    );
  };
  const drawer = (container: HTMLElement) => drawThresholdSweep(container, analysis, chosen);
  const chart = charts.box('threshold', drawer, 'Precision, recall and F1 by threshold');
  slider.addEventListener('input', () => {
    chosen = Number(slider.value);
    detailState.threshold = chosen;
    show();
    charts.run(chart, drawer);
  });
  show();
  const best = h(
    'button',
    { type: 'button', class: 'link-button', title: 'Move the slider to the threshold with the best F1' },
    `best F1 at ${formatMetric(analysis.bestF1Threshold)}`,
  );
  best.addEventListener('click', () => {
    slider.value = String(analysis.bestF1Threshold);
    slider.dispatchEvent(new Event('input'));
  });
  return card(
    `Threshold analysis (positive class ${positive})`,
    h('div', { class: 'threshold-controls' }, h('label', { for: 'threshold-slider' }, 'Threshold'), slider, best),
    readout,
    chart,
  );
}

function classificationDetails(evaluation: ClassificationEvaluation, charts: ChartTracker): HTMLElement[] {
  const toggle = custom('vscode-checkbox', {
    id: 'confusion-normalised',
    checked: detailState.normalised,
    label: 'Normalise by true class',
  }) as HTMLElement & { checked: boolean };
  const confusionDrawer = (container: HTMLElement) => drawConfusion(container, evaluation, detailState.normalised);
  const confusion = charts.box('confusion', confusionDrawer, 'Confusion matrix');
  toggle.addEventListener('change', () => {
    detailState.normalised = toggle.checked;
    charts.run(confusion, confusionDrawer);
  });
  const multi = evaluation.classes.length > 2;
  const cards: HTMLElement[] = [card('Confusion matrix', h('div', { class: 'toolbar' }, toggle), confusion)];
  if (evaluation.roc.length > 0)
    cards.push(
      card(
        multi ? 'ROC curves (one vs rest)' : 'ROC curve',
        charts.box('roc', (c) => drawCurves(c, evaluation.roc, 'roc'), 'ROC curves'),
      ),
    );
  if (evaluation.pr.length > 0)
    cards.push(
      card(
        multi ? 'Precision-recall curves (one vs rest)' : 'Precision-recall curve',
        charts.box('pr', (c) => drawCurves(c, evaluation.pr, 'pr'), 'Precision-recall curves'),
      ),
    );
  if (evaluation.calibration.length > 0)
    cards.push(
      card(
        'Calibration',
        charts.box('calibration', (c) => drawCalibration(c, evaluation.calibration), 'Calibration curves'),
      ),
    );
  if (evaluation.threshold)
    cards.push(
      thresholdCard(evaluation.threshold, evaluation.positiveClass ?? evaluation.classes[1] ?? 'positive', charts),
    );
  return cards;
}

function regressionDetails(
  evaluation: RegressionEvaluation,
  target: string,
  model: string,
  charts: ChartTracker,
): HTMLElement[] {
  return [
    card(
      'Predicted vs actual',
      charts.box(
        'predicted-vs-actual',
        (c) => drawPredictedVsActual(c, [{ name: model, ...evaluation.points }], target),
        'Predicted against actual values',
      ),
    ),
    card(
      'Residuals vs predicted',
      charts.box('residuals', (c) => drawResiduals(c, evaluation), 'Residuals against predicted values'),
    ),
    card(
      'Residual distribution',
      charts.box('residual-histogram', (c) => drawResidualHistogram(c, evaluation), 'Histogram of residuals'),
    ),
  ];
}

export function modelDetails(
  run: EvaluationRun,
  model: RunModelResult,
  charts: ChartTracker,
  evaluatedOn?: string,
): HTMLElement {
  const evaluation = model.evaluation;
  if (!evaluation) {
    return h(
      'div',
      { 'data-model-details': model.name },
      note(
        model.error
          ? `${model.name} failed: ${model.error}`
          : `${model.name} has no evaluation in this run (an external trainer without predictions?).`,
      ),
    );
  }
  const source = evaluatedOn
    ? `Evaluated on ${evaluatedOn} (${formatCount(evaluation.rows)} rows).`
    : evaluation.on === 'holdout'
      ? `On the untouched holdout (${formatCount(evaluation.rows)} rows).`
      : `On out-of-fold predictions of cross-validation (${formatCount(evaluation.rows)} rows): there is no holdout.`;
  const tables = [metricsTable(evaluation)];
  if (evaluation.task === 'classification' && evaluation.perClass.length > 0) tables.push(perClassTable(evaluation));
  const cards =
    evaluation.task === 'classification'
      ? classificationDetails(evaluation, charts)
      : regressionDetails(evaluation, run.target, model.name, charts);
  return h(
    'div',
    { 'data-model-details': model.name },
    note(source),
    h('div', { class: 'charts-grid' }, ...tables.map((t) => h('div', { class: 'table-scroll' }, t))),
    h('div', { class: 'charts-grid' }, ...cards),
  );
}
