// The report's explanation section: what was explained (model, file, rows, method, additivity),
// then the plots people read — mean |contribution| bars, the beeswarm, SHAP importance beside
// permutation importance (with where they disagree), a dependence plot per column coloured by
// its strongest interaction, and the waterfalls of the rows the model gets most wrong. With no
// explanation yet, one button explains the model (the explain job, in the worker).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ExplanationPlots } from '../../src/core/explain/plotTypes';
import type { FeatureImportance } from '../../src/core/model/evaluation/evaluationTypes';
import { COMMANDS } from '../../src/protocol/commands';
import type { EvaluationExplanation, EvaluationReport } from '../../src/protocol/webview';
import { custom, h } from '../shared/dom';
import { formatCount, formatDateTime } from '../shared/format';
import type { RenderContext } from '../shared/report';
import { chip, note, section, select, table, type ChartTracker } from './evaluationDom';
import { drawBeeswarm, drawDependence, drawMeanAbs, drawWaterfall } from './explanationCharts';
import { formatMetric } from './metrics';

/** The reader's picks, kept across redraws. */
const picks = { output: new Map<string, number>(), column: new Map<string, string>(), row: new Map<string, number>() };

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLElement {
  const element = custom('vscode-button', { ...attrs }, label);
  element.addEventListener('click', onClick);
  return element;
}

/** The output a plot shows first: the positive class of two, else the first. */
function defaultOutput(plots: ExplanationPlots): number {
  return plots.outputNames.length === 2 ? 1 : 0;
}

export interface Agreement {
  column: string;
  shapRank: number;
  permutationRank?: number;
  disagrees: boolean;
}

/** Ranks by SHAP and by permutation importance; a column disagrees when one ranks it in its top 5 and the other outside its top 10, or 4+ places apart in both top 10s. */
export function compareImportance(shapOrder: readonly string[], importance: FeatureImportance): Agreement[] {
  const permutation = [...importance.features].sort((a, b) => b.mean - a.mean).map((f) => f.feature);
  return shapOrder.map((column, i) => {
    const p = permutation.indexOf(column);
    const shapRank = i + 1;
    const permutationRank = p >= 0 ? p + 1 : undefined;
    const far =
      permutationRank === undefined
        ? shapRank <= 5
        : (shapRank <= 5 && permutationRank > 10) ||
          (permutationRank <= 5 && shapRank > 10) ||
          (shapRank <= 10 && permutationRank <= 10 && Math.abs(shapRank - permutationRank) >= 4);
    return { column, shapRank, ...(permutationRank ? { permutationRank } : {}), disagrees: far };
  });
}

function comparison(plots: ExplanationPlots, importance: FeatureImportance | undefined, model: string): HTMLElement {
  if (!importance || importance.features.length === 0)
    return note('The run records no permutation importance to compare with.');
  const agreements = compareImportance(
    plots.columns.map((c) => c.name),
    importance,
  );
  const disagreeing = agreements.filter((a) => a.disagrees);
  const perm = new Map(importance.features.map((f) => [f.feature, f]));
  return h(
    'div',
    {},
    importance.model !== model
      ? note(`Permutation importance is of ${importance.model}; the explanation is of ${model}.`)
      : null,
    disagreeing.length === 0
      ? note('SHAP and permutation importance agree on the order of the leading columns.')
      : h(
          'p',
          { class: 'eval-banner', 'data-disagree': disagreeing.map((d) => d.column).join(',') },
          `They disagree on ${disagreeing.map((d) => d.column).join(', ')}. SHAP measures how much a column moves the predictions; permutation importance how much the metric suffers without it. A column can move predictions without helping (it fits noise), or help through other correlated columns that stand in for it when it is shuffled.`,
        ),
    h(
      'div',
      { class: 'table-scroll' },
      table(
        'SHAP importance beside permutation importance',
        [
          'Column',
          { text: 'SHAP rank', num: true },
          { text: 'Permutation rank', num: true },
          { text: `Mean decrease in ${importance.metric}`, num: true },
        ],
        agreements.map((a) => ({
          cells: [
            a.disagrees ? h('span', {}, a.column, ' ', chip('disagree', 'info')) : a.column,
            { text: String(a.shapRank), num: true },
            { text: a.permutationRank ? String(a.permutationRank) : '—', num: true },
            { text: formatMetric(perm.get(a.column)?.mean), num: true },
          ],
          attrs: { 'data-column': a.column },
        })),
      ),
    ),
  );
}

function facts(explanation: EvaluationExplanation, plots: ExplanationPlots | undefined): HTMLElement {
  const sampled =
    plots && plots.sampledRows < plots.explainedRows
      ? ` (the plots show an even spread of ${formatCount(plots.sampledRows)})`
      : '';
  const ok = explanation.additivityError <= 1e-9;
  return h(
    'p',
    { class: 'report-facts' },
    h('code', {}, explanation.model),
    ' on ',
    h('code', {}, explanation.data),
    ` · ${formatCount(explanation.rows)} rows${sampled} · ${explanation.methodNote || explanation.method} · ${formatDateTime(explanation.createdAt)} · `,
    chip(
      ok ? 'adds up' : `off by ${explanation.additivityError.toExponential(1)}`,
      ok ? 'pass' : 'fail',
      `base + Σ contributions = the model's output on every row, to ${explanation.additivityError.toExponential(1)} (relative)`,
    ),
    ` · record ${explanation.recordPath}`,
  );
}

export function explanationSection(
  report: EvaluationReport,
  charts: ChartTracker,
  context: RenderContext,
): HTMLElement {
  const { run } = report;
  const model = report.explanationFor ?? run.bestModel;
  const explain = () =>
    context.host.post({ type: 'command', command: COMMANDS.explainModel, args: [{ run: run.runId, model }] });
  // An exported file has no host to ask: no buttons there.
  const live = !context.standalone;
  const others = live ? (report.explainedModels ?? []).filter((m) => m !== model) : [];
  const switcher = others.length
    ? h(
        'p',
        { class: 'eval-note' },
        'Also explained: ',
        ...others.flatMap((m, i) => [
          i > 0 ? ', ' : '',
          button(m, () =>
            context.host.post({ type: 'command', command: COMMANDS.openEvaluationReport, args: [run.runId, m] }),
          ),
        ]),
      )
    : null;
  const explanation = report.explanation;
  if (!explanation)
    return section(
      'explanation',
      'Explanation',
      note(
        `${model} has not been explained yet: SHAP values say how much each column moved each prediction (exact for trees, forests, boosting and linear models).`,
      ),
      live ? h('div', { class: 'toolbar' }, button(`Explain ${model}`, explain, { 'data-action': 'explain' })) : null,
      switcher,
    );
  const plots = explanation.plots;
  const head = [
    facts(explanation, plots),
    live
      ? h('div', { class: 'toolbar' }, button('Explain again', explain, { 'data-action': 'explain', secondary: '' }))
      : null,
    switcher,
  ];
  if (!plots) return section('explanation', `Explanation of ${model}`, ...head, note(explanation.problem ?? ''));
  const key = explanation.recordPath;
  let output = Math.min(picks.output.get(key) ?? defaultOutput(plots), plots.outputNames.length - 1);
  const body = h('div', {});
  const outputPicker =
    plots.outputNames.length > 1
      ? select(
          'explain-output',
          'Output',
          plots.outputNames.map((name, k) => ({ value: String(k), label: name })),
          String(output),
          (value) => {
            output = Number(value);
            picks.output.set(key, output);
            drawBody();
          },
        )
      : null;

  const drawBody = () => {
    const columns = plots.columns;
    let column = columns.find((c) => c.name === picks.column.get(key)) ?? columns[0];
    const dependenceBox = h('div', {});
    const drawDependenceBox = () =>
      dependenceBox.replaceChildren(
        charts.box(
          'dependence',
          (c) => drawDependence(c, plots, column, output),
          `Dependence of the contribution on ${column.name}`,
          true,
        ),
        note(
          column.interaction
            ? `Coloured by ${column.interaction.column}, the column ${column.name} interacts with most (${column.interaction.how === 'interaction values' ? 'from the interaction values' : "binned correlation with the contributions, as SHAP's dependence plots pick it"}).`
            : 'No other column goes with its contributions.',
        ),
      );
    const columnPicker = select(
      'explain-column',
      'Column',
      columns.map((c) => ({ value: c.name, label: c.name })),
      column.name,
      (value) => {
        column = columns.find((c) => c.name === value) ?? column;
        picks.column.set(key, column.name);
        drawDependenceBox();
      },
    );
    drawDependenceBox();

    let rowAt = Math.min(picks.row.get(key) ?? 0, Math.max(0, plots.waterfalls.length - 1));
    const waterfallBox = h('div', {});
    const drawWaterfallBox = () => {
      const row = plots.waterfalls[rowAt];
      if (!row) return waterfallBox.replaceChildren(note('No row to show.'));
      waterfallBox.replaceChildren(
        note(
          `Row ${row.row}${row.line ? ` (line ${row.line})` : ''}${row.actual !== undefined ? `: actual ${row.actual}, predicted ${row.predicted}, loss ${formatMetric(row.loss)}` : ''}.`,
        ),
        charts.box('waterfall', (c) => drawWaterfall(c, plots, row, output), `Waterfall of row ${row.row}`, true),
      );
    };
    const rowPicker = select(
      'explain-row',
      plots.waterfallsAre === 'worst rows' ? 'Worst row' : 'Row',
      plots.waterfalls.map((w, i) => ({
        value: String(i),
        label: `row ${w.row}${w.loss !== undefined ? ` (loss ${formatMetric(w.loss)})` : ''}`,
      })),
      String(rowAt),
      (value) => {
        rowAt = Number(value);
        picks.row.set(key, rowAt);
        drawWaterfallBox();
      },
    );
    drawWaterfallBox();

    body.replaceChildren(
      h('h3', {}, 'Which columns matter'),
      charts.box('shap-bar', (c) => drawMeanAbs(c, plots, output), 'Mean absolute contribution of each column'),
      plots.otherColumns > 0 ? note(`${plots.otherColumns} less influential columns are not drawn.`) : '',
      h('h3', {}, 'How each column moves the predictions'),
      charts.box('beeswarm', (c) => drawBeeswarm(c, plots, output), 'Beeswarm of contributions per column', true),
      h('h3', {}, 'SHAP and permutation importance'),
      comparison(plots, run.featureImportance, model),
      h('h3', {}, 'Dependence'),
      h('div', { class: 'toolbar' }, columnPicker),
      dependenceBox,
      h('h3', {}, plots.waterfallsAre === 'worst rows' ? 'The worst rows, explained' : 'Single rows, explained'),
      h('div', { class: 'toolbar' }, rowPicker),
      waterfallBox,
    );
  };
  drawBody();
  return section(
    'explanation',
    `Explanation of ${model}`,
    ...head,
    outputPicker ? h('div', { class: 'toolbar' }, outputPicker) : null,
    body,
  );
}
