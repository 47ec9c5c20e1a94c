// "Explain Prediction": one row of a data file — what the model predicted (and the truth, when
// the file has it), the waterfall from the base value to the model's output, and every column's
// value beside its contribution (with its standard error when it was estimated by sampling).
import type { PredictionReport } from '../../src/protocol/webview';
import { h } from '../shared/dom';
import { reportHeader } from '../shared/header';
import type { RenderContext, ReportView } from '../shared/report';
import { ChartTracker, chip, note, section, select, table } from '../evaluation/evaluationDom';
import { adoptEvaluationStyles } from '../evaluation/evaluationStyles';
import { contributionTitle, drawWaterfall } from '../evaluation/explanationCharts';
import { formatMetric } from '../evaluation/metrics';

/** The output the reader picked, kept across redraws. */
let picked: number | undefined;

function valueText(value: string | number | null): string {
  if (value === null) return '(missing)';
  return typeof value === 'number' ? formatMetric(value) : value;
}

/** The output shown first: the predicted class (largest output), else the only one. */
function defaultOutput(report: PredictionReport): number {
  const out = report.row.output;
  if (out.length < 2) return 0;
  return out.reduce((best, v, k) => (v > out[best] ? k : best), 0);
}

function facts(report: PredictionReport): HTMLElement {
  const { row } = report;
  const ok = report.additivityError <= 1e-9;
  return h(
    'p',
    { class: 'report-facts' },
    'Run ',
    h('code', { 'data-fact': 'run' }, report.runId),
    ' · model ',
    h('code', {}, report.model),
    ' · ',
    h('code', {}, report.data),
    ` row ${row.row}${row.line ? ` (line ${row.line})` : ''} · ${report.methodNote || report.method} · `,
    chip(
      ok ? 'adds up' : `off by ${report.additivityError.toExponential(1)}`,
      ok ? 'pass' : 'fail',
      "base + Σ contributions = the model's output",
    ),
  );
}

export const predictionView: ReportView<'prediction'> = {
  kind: 'prediction',
  async render(report: PredictionReport, root: HTMLElement, context: RenderContext) {
    adoptEvaluationStyles();
    const charts = new ChartTracker((message) => context.host.post({ type: 'problem', message }));
    const { row } = report;
    let output = Math.min(picked ?? defaultOutput(report), report.outputNames.length - 1);
    const body = h('div', {});
    const drawBody = () => {
      const order = row.columns
        .map((c, i) => ({ c, i }))
        .sort((a, b) => Math.abs(b.c.contributions[output]) - Math.abs(a.c.contributions[output]));
      const errors = report.standardErrors;
      body.replaceChildren(
        charts.box('waterfall', (c) => drawWaterfall(c, report, row, output), `Waterfall of row ${row.row}`, true),
        h(
          'div',
          { class: 'table-scroll' },
          table(
            'Each column of the row and its contribution',
            [
              'Column',
              'Value',
              { text: contributionTitle(report, output), num: true },
              ...(errors ? [{ text: '± standard error', num: true }] : []),
            ],
            order.map(({ c, i }) => ({
              cells: [
                c.name,
                valueText(c.value),
                {
                  text: (c.contributions[output] >= 0 ? '+' : '') + formatMetric(c.contributions[output]),
                  num: true,
                  class: c.contributions[output] > 0 ? 'raises' : c.contributions[output] < 0 ? 'lowers' : '',
                },
                ...(errors ? [{ text: formatMetric(errors[i]?.[output]), num: true }] : []),
              ],
              attrs: { 'data-column': c.name },
            })),
          ),
        ),
      );
    };
    drawBody();
    const prediction =
      row.predicted !== undefined
        ? h(
            'p',
            { class: 'eval-banner', 'data-prediction': String(row.predicted) },
            `Predicted ${row.predicted}; actual ${row.actual}${row.loss !== undefined ? ` (loss ${formatMetric(row.loss)})` : ''}.`,
          )
        : note(
            `The model's output: ${row.output.map((v, k) => `${report.outputNames[k]} ${formatMetric(v)}`).join(', ')} (the file has no target to compare with).`,
          );
    root.append(
      reportHeader(`Row ${row.row}: ${report.model} explained`, report.generatedAt, context, facts(report)),
      section(
        'prediction',
        'Prediction',
        prediction,
        report.outputNames.length > 1
          ? h(
              'div',
              { class: 'toolbar' },
              select(
                'prediction-output',
                'Output',
                report.outputNames.map((name, k) => ({ value: String(k), label: name })),
                String(output),
                (value) => {
                  output = Number(value);
                  picked = output;
                  drawBody();
                },
              ),
            )
          : null,
        body,
        ...report.notices.map((n) => note(n)),
      ),
    );
    await charts.settled();
  },
};
