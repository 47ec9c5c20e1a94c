// The Plotly charts of the evaluation report: the folds' spread, the confusion matrix, ROC, PR
// and calibration curves, the threshold sweep, the regression plots, and the bar charts of
// fairness and permutation importance. Each takes summaries from the run record and draws them.
import type {
  CalibrationCurve,
  ClassificationEvaluation,
  Curve,
  FairnessColumn,
  FeatureImportance,
  RegressionEvaluation,
  ThresholdAnalysis,
} from '../../src/core/model/evaluation/evaluationTypes';
import { accentColors, axis, baseLayout, chartTheme, draw, plotlyText, referenceLine, seriesColor } from './chartKit';
import { formatMetric, metricLabel, normaliseRows } from './metrics';

/** One box of fold values per model, every fold drawn as a point beside it. */
export async function drawFoldSpread(
  container: HTMLElement,
  series: ReadonlyArray<{ model: string; folds: number[]; highlight: boolean }>,
  metric: string,
): Promise<void> {
  const theme = chartTheme();
  const traces = series.map((s, i) => ({
    type: 'box',
    name: plotlyText(s.model),
    y: s.folds,
    boxpoints: 'all',
    jitter: 0.35,
    pointpos: 0,
    marker: { color: seriesColor(i), size: 6 },
    line: { color: seriesColor(i), width: s.highlight ? 2.5 : 1 },
    fillcolor: 'rgba(0,0,0,0)',
    hovertemplate: `%{y:.4f}<extra>${plotlyText(s.model)}</extra>`,
  }));
  const layout = {
    ...baseLayout(theme, 280),
    xaxis: axis(theme),
    yaxis: axis(theme, `${metricLabel(metric)} per fold`),
  };
  await draw(container, traces, layout);
}

export async function drawConfusion(
  container: HTMLElement,
  evaluation: ClassificationEvaluation,
  normalised: boolean,
): Promise<void> {
  const theme = chartTheme();
  const colors = accentColors();
  const { classes, confusion } = evaluation;
  const values = normalised ? normaliseRows(confusion) : confusion.map((row) => [...row]);
  const cell = Math.max(36, Math.min(90, Math.floor(420 / Math.max(classes.length, 1))));
  container.style.maxWidth = `${cell * classes.length + 260}px`;
  const labels = classes.map((c) => plotlyText(c));
  const trace = {
    type: 'heatmap',
    z: values,
    x: classes.map((_, j) => j),
    y: classes.map((_, i) => i),
    customdata: classes.map((t, i) => classes.map((p, j) => [plotlyText(t), plotlyText(p), confusion[i][j]])),
    hovertemplate: normalised
      ? 'true %{customdata[0]}, predicted %{customdata[1]}<br>%{z:.1%} of the true class (%{customdata[2]} rows)<extra></extra>'
      : 'true %{customdata[0]}, predicted %{customdata[1]}<br>%{z} rows<extra></extra>',
    colorscale: [
      [0, colors.background],
      [1, colors.primary],
    ],
    zmin: 0,
    zmax: normalised ? 1 : Math.max(1, ...confusion.flat()),
    xgap: 1,
    ygap: 1,
    showscale: false,
  };
  const max = Math.max(...values.flat(), 0);
  const layout = {
    ...baseLayout(theme, 90 + cell * classes.length),
    margin: { l: 10, r: 10, t: 10, b: 10 },
    xaxis: axis(theme, 'Predicted', {
      tickmode: 'array',
      tickvals: classes.map((_, j) => j),
      ticktext: labels,
      showgrid: false,
      zeroline: false,
      side: 'bottom',
    }),
    yaxis: axis(theme, 'True', {
      tickmode: 'array',
      tickvals: classes.map((_, i) => i),
      ticktext: labels,
      autorange: 'reversed',
      showgrid: false,
      zeroline: false,
      ticksuffix: ' ',
    }),
    annotations: values.flatMap((row, i) =>
      row.map((v, j) => ({
        x: j,
        y: i,
        xref: 'x',
        yref: 'y',
        showarrow: false,
        text: normalised ? `${(v * 100).toFixed(1)}%` : String(v),
        // Light cells on dark themes and dark cells on light ones: the text takes the opposite end.
        font: { size: theme.fontSize, color: v > max * 0.6 ? colors.background : theme.foreground },
      })),
    ),
  };
  await draw(container, [trace], layout);
}

/** ROC (`kind` roc) or precision-recall (`kind` pr) curves, one per class, area in the legend. */
export async function drawCurves(
  container: HTMLElement,
  curves: readonly Curve[],
  kind: 'roc' | 'pr',
  labelOf: (curve: Curve, index: number) => string = (c) => c.class,
): Promise<void> {
  const theme = chartTheme();
  const area = kind === 'roc' ? 'AUC' : 'AP';
  const traces = curves.map((curve, i) => ({
    type: 'scatter',
    mode: 'lines',
    name: plotlyText(`${labelOf(curve, i)} (${area} ${formatMetric(curve.area)})`),
    x: curve.x,
    y: curve.y,
    line: { color: seriesColor(i), width: 2, shape: kind === 'pr' ? 'hv' : 'linear' },
    customdata: curve.thresholds.length === curve.x.length ? curve.thresholds : undefined,
    hovertemplate:
      kind === 'roc'
        ? `${plotlyText(labelOf(curve, i))}<br>FPR %{x:.3f}, TPR %{y:.3f}${curve.thresholds.length === curve.x.length ? '<br>threshold %{customdata:.3f}' : ''}<extra></extra>`
        : `${plotlyText(labelOf(curve, i))}<br>recall %{x:.3f}, precision %{y:.3f}${curve.thresholds.length === curve.x.length ? '<br>threshold %{customdata:.3f}' : ''}<extra></extra>`,
  }));
  const layout = {
    ...baseLayout(theme, 340, true),
    xaxis: axis(theme, kind === 'roc' ? 'False positive rate' : 'Recall', { range: [-0.01, 1.01] }),
    yaxis: axis(theme, kind === 'roc' ? 'True positive rate' : 'Precision', { range: [-0.01, 1.01] }),
    shapes: kind === 'roc' ? [referenceLine(theme, 0, 0, 1, 1)] : [],
  };
  await draw(container, traces, layout);
}

export async function drawCalibration(container: HTMLElement, curves: readonly CalibrationCurve[]): Promise<void> {
  const theme = chartTheme();
  const traces = curves.map((curve, i) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: plotlyText(curve.class),
    x: curve.meanPredicted,
    y: curve.fractionPositive,
    customdata: curve.count,
    line: { color: seriesColor(i), width: 2 },
    marker: { color: seriesColor(i), size: 7 },
    hovertemplate: `${plotlyText(curve.class)}<br>predicted %{x:.3f}, observed %{y:.3f}<br>%{customdata} rows<extra></extra>`,
  }));
  const layout = {
    ...baseLayout(theme, 320, true),
    xaxis: axis(theme, 'Mean predicted probability', { range: [-0.01, 1.01] }),
    yaxis: axis(theme, 'Fraction positive', { range: [-0.01, 1.01] }),
    shapes: [referenceLine(theme, 0, 0, 1, 1)],
  };
  await draw(container, traces, layout);
}

/** Precision, recall and F1 as the threshold moves; a vertical line marks `chosen`. */
export async function drawThresholdSweep(
  container: HTMLElement,
  analysis: ThresholdAnalysis,
  chosen: number,
): Promise<void> {
  const theme = chartTheme();
  const series: Array<[string, number[]]> = [
    ['Precision', analysis.precision],
    ['Recall', analysis.recall],
    ['F1', analysis.f1],
    ['Positive rate', analysis.positiveRate],
  ];
  const traces = series.map(([name, values], i) => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: analysis.thresholds,
    y: values,
    line: { color: seriesColor(i), width: 2, dash: name === 'Positive rate' ? 'dot' : 'solid' },
    hovertemplate: `${name} %{y:.3f} at threshold %{x:.3f}<extra></extra>`,
  }));
  const layout = {
    ...baseLayout(theme, 300, true),
    xaxis: axis(theme, 'Decision threshold (probability of the positive class)', { range: [0, 1] }),
    yaxis: axis(theme, undefined, { range: [-0.01, 1.01] }),
    shapes: [
      {
        type: 'line',
        xref: 'x',
        yref: 'paper',
        x0: chosen,
        x1: chosen,
        y0: 0,
        y1: 1,
        line: { color: theme.foreground, width: 1.5 },
      },
    ],
  };
  await draw(container, traces, layout);
}

function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

export async function drawPredictedVsActual(
  container: HTMLElement,
  series: ReadonlyArray<{ name: string; actual: number[]; predicted: number[] }>,
  target: string,
): Promise<void> {
  const theme = chartTheme();
  const [lo, hi] = extent(series.flatMap((s) => [...s.actual, ...s.predicted]));
  const traces = series.map((s, i) => ({
    type: 'scatter',
    mode: 'markers',
    name: plotlyText(s.name),
    x: s.actual,
    y: s.predicted,
    marker: { color: seriesColor(i), size: 5, opacity: 0.65 },
    hovertemplate: `${plotlyText(s.name)}<br>actual %{x:.4g}, predicted %{y:.4g}<extra></extra>`,
  }));
  const layout = {
    ...baseLayout(theme, 340, series.length > 1),
    xaxis: axis(theme, `Actual ${target}`),
    yaxis: axis(theme, `Predicted ${target}`),
    shapes: [referenceLine(theme, lo, lo, hi, hi)],
  };
  await draw(container, traces, layout);
}

export async function drawResiduals(container: HTMLElement, evaluation: RegressionEvaluation): Promise<void> {
  const theme = chartTheme();
  const { actual, predicted } = evaluation.points;
  const residuals = actual.map((a, i) => a - predicted[i]);
  const [lo, hi] = extent(predicted);
  const trace = {
    type: 'scatter',
    mode: 'markers',
    x: predicted,
    y: residuals,
    marker: { color: seriesColor(0), size: 5, opacity: 0.65 },
    hovertemplate: 'predicted %{x:.4g}<br>residual %{y:.4g}<extra></extra>',
  };
  const layout = {
    ...baseLayout(theme, 300),
    xaxis: axis(theme, 'Predicted'),
    yaxis: axis(theme, 'Residual (actual − predicted)'),
    shapes: [referenceLine(theme, lo, 0, hi, 0)],
  };
  await draw(container, [trace], layout);
}

export async function drawResidualHistogram(container: HTMLElement, evaluation: RegressionEvaluation): Promise<void> {
  const theme = chartTheme();
  const { edges, counts } = evaluation.residualHistogram;
  const mids = counts.map((_, i) => (edges[i] + edges[i + 1]) / 2);
  const widths = counts.map((_, i) => edges[i + 1] - edges[i]);
  const trace = {
    type: 'bar',
    x: mids,
    y: counts,
    width: widths,
    customdata: counts.map((_, i) => [formatMetric(edges[i]), formatMetric(edges[i + 1])]),
    hovertemplate: '%{customdata[0]} to %{customdata[1]}<br>%{y} rows<extra></extra>',
    marker: { color: seriesColor(0) },
  };
  const layout = {
    ...baseLayout(theme, 260),
    bargap: 0.04,
    xaxis: axis(theme, 'Residual (actual − predicted)'),
    yaxis: axis(theme, 'Rows'),
  };
  await draw(container, [trace], layout);
}

/** Grouped bars: per metric, one bar per group of the sensitive column. */
export async function drawFairness(
  container: HTMLElement,
  column: FairnessColumn,
  metrics: readonly string[],
): Promise<void> {
  const theme = chartTheme();
  const traces = column.groups.map((group, i) => ({
    type: 'bar',
    name: plotlyText(`${group.group} (${group.count})`),
    x: metrics.map(metricLabel),
    y: metrics.map((m) => (m === 'selection_rate' ? (group.selectionRate ?? null) : (group.metrics[m] ?? null))),
    marker: { color: seriesColor(i) },
    hovertemplate: `${plotlyText(group.group)}<br>%{x} %{y:.4f}<extra></extra>`,
  }));
  const layout = { ...baseLayout(theme, 300, true), barmode: 'group', xaxis: axis(theme), yaxis: axis(theme) };
  await draw(container, traces, layout);
}

export async function drawImportance(container: HTMLElement, importance: FeatureImportance): Promise<void> {
  const theme = chartTheme();
  const features = importance.features;
  const index = features.map((_, i) => i);
  const trace = {
    type: 'bar',
    orientation: 'h',
    x: features.map((f) => f.mean),
    y: index,
    error_x: { type: 'data', array: features.map((f) => f.std), visible: true, color: theme.muted, thickness: 1.2 },
    customdata: features.map((f) => [plotlyText(f.feature), formatMetric(f.std)]),
    hovertemplate: `%{customdata[0]}<br>mean decrease in ${metricLabel(importance.metric)} %{x:.4f} ± %{customdata[1]}<extra></extra>`,
    marker: { color: seriesColor(0) },
  };
  const layout = {
    ...baseLayout(theme, Math.max(140, 50 + 24 * features.length)),
    xaxis: axis(theme, `Mean decrease in ${metricLabel(importance.metric)} (${importance.repeats} repeats)`),
    yaxis: axis(theme, undefined, {
      autorange: 'reversed',
      tickmode: 'array',
      tickvals: index,
      ticktext: features.map((f) => plotlyText(f.feature.length > 28 ? `${f.feature.slice(0, 27)}…` : f.feature)),
      ticksuffix: '  ',
      showgrid: false,
    }),
  };
  await draw(container, [trace], layout);
}
