// The evaluation report of one training run: what was trained on what (run, spec, rows, seed,
// primary metric), the charter's KPIs, every model against the baseline, the folds' spread,
// one model in depth (picked by the reader, the best by default), and the run's error,
// fairness, importance and feature analyses.
import type { EvaluationReport } from '../../src/protocol/webview';
import { h } from '../shared/dom';
import { formatCount, formatDateTime } from '../shared/format';
import { reportHeader } from '../shared/header';
import type { RenderContext, ReportView } from '../shared/report';
import { errorSection, fairnessSection, importanceSection, rationaleSection } from './analysisSections';
import { ChartTracker, chip, note, section, select } from './evaluationDom';
import { adoptEvaluationStyles } from './evaluationStyles';
import { explanationSection } from './explanationSection';
import { metricLabel, orderModels } from './metrics';
import { modelDetails } from './modelDetails';
import { foldSpread, kpiChips, modelsTable } from './modelsSection';

/** The model the reader picked, per run, kept across redraws. */
const picked = new Map<string, string>();
/** The report whose focusModel was applied. */
let focused: string | undefined;

function headerFacts(report: EvaluationReport): HTMLElement {
  const { run } = report;
  const split =
    run.split.folds > 0
      ? `${run.split.folds}-fold ${run.split.kind === 'kfold' ? '' : `${run.split.kind} `}CV`
      : 'no CV';
  const holdout =
    run.holdoutSource === 'none'
      ? 'no holdout'
      : `${formatCount(run.rows.holdout)} holdout rows (${run.holdoutSource === 'file' ? (run.data.holdout ?? 'file') : 'split'})`;
  return h(
    'p',
    { class: 'report-facts' },
    'Run ',
    h('code', { 'data-fact': 'run' }, run.runId),
    ` · ${formatDateTime(run.createdAt)} · spec `,
    h('code', {}, run.specPath),
    ` · ${run.task} of `,
    h('code', {}, run.target),
    ` · ${formatCount(run.rows.train)} training rows (${run.data.train}) · ${holdout} · ${split} · seed ${run.seed}`,
    ` · primary metric ${metricLabel(run.primaryMetric)} · ${(run.timings.totalMs / 1000).toFixed(1)} s`,
  );
}

function navigation(sections: readonly HTMLElement[]): HTMLElement {
  return h(
    'nav',
    { class: 'eval-nav', 'aria-label': 'Sections of the report' },
    ...sections.map((s) => {
      const link = h('a', { href: `#${s.id}` }, s.querySelector('h2')?.textContent ?? s.id);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        document.getElementById(s.id)?.scrollIntoView({ block: 'start' });
      });
      return link;
    }),
  );
}

export const evaluationView: ReportView<'evaluation'> = {
  kind: 'evaluation',
  // The explanation's plots are up to 10,000 rows × 20 columns: a reload gets them from the host.
  persisted: (report) =>
    report.explanation?.plots
      ? {
          ...report,
          explanation: { ...report.explanation, plots: undefined, problem: 'The plots are being read again.' },
        }
      : report,
  async render(report: EvaluationReport, root: HTMLElement, context: RenderContext) {
    adoptEvaluationStyles();
    const { run } = report;
    const charts = new ChartTracker((message) => context.host.post({ type: 'problem', message }));
    const withEvaluation = orderModels(run.models, run.primaryMetric).filter((m) => m.evaluation || m.error);
    // A report opened on a model (from the Runs view) shows it, once; later redraws keep the reader's pick.
    if (report.focusModel && focused !== report.generatedAt) {
      focused = report.generatedAt;
      picked.set(run.runId, report.focusModel);
    }
    const fallback = report.evaluatedOn?.model ?? run.bestModel;
    let selected = picked.get(run.runId) ?? fallback;
    if (!run.models.some((m) => m.name === selected)) selected = run.models[0]?.name ?? '';

    const detailsHolder = h('div', {});
    const tableHolder = h('div', {});
    const choose = (name: string) => {
      const model = run.models.find((m) => m.name === name);
      if (!model) return;
      selected = name;
      picked.set(run.runId, name);
      tableHolder.replaceChildren(modelsTable(run, selected, choose));
      detailsHolder.replaceChildren(
        modelDetails(run, model, charts, report.evaluatedOn?.model === name ? report.evaluatedOn.data : undefined),
      );
      const pickerElement = document.getElementById('model-picker') as (HTMLElement & { value: string }) | null;
      if (pickerElement && pickerElement.value !== name) pickerElement.value = name;
    };
    tableHolder.append(modelsTable(run, selected, choose));
    const current = run.models.find((m) => m.name === selected);
    if (current)
      detailsHolder.append(
        modelDetails(
          run,
          current,
          charts,
          report.evaluatedOn?.model === selected ? report.evaluatedOn.data : undefined,
        ),
      );

    const picker = select(
      'model-picker',
      'Model',
      (withEvaluation.length ? withEvaluation : run.models).map((m) => ({
        value: m.name,
        label: `${m.name}${m.baseline ? ' (baseline)' : ''}${m.name === run.bestModel ? ' (best)' : ''}`,
      })),
      selected,
      choose,
    );
    const sections = [
      section(
        'summary',
        'Models',
        report.evaluatedOn
          ? h(
              'p',
              { class: 'eval-banner' },
              `${report.evaluatedOn.model} was evaluated on `,
              h('code', {}, report.evaluatedOn.data),
              ` (record ${report.evaluatedOn.recordPath}); the other models show the run's own evaluation.`,
            )
          : null,
        run.kpis && run.kpis.length > 0
          ? kpiChips(run.kpis)
          : note('No KPI checked: the charter defines none (docs/charter.yaml kpis).'),
        run.failures?.length
          ? h(
              'ul',
              { class: 'eval-failures', 'aria-label': 'Why the run fails' },
              ...run.failures.map((f) => h('li', {}, chip('fail', 'fail'), ' ', f)),
            )
          : null,
        run.warnings?.length
          ? h('ul', { class: 'eval-warnings', 'aria-label': 'Warnings' }, ...run.warnings.map((w) => h('li', {}, w)))
          : null,
        tableHolder,
        report.omitted?.length ? note(`Left out to keep the report small: ${report.omitted.join('; ')}.`) : null,
      ),
      foldSpread(run, charts, () => selected),
      section('model', 'Model in detail', h('div', { class: 'toolbar' }, picker), detailsHolder),
      errorSection(run.errorAnalysis),
      fairnessSection(run.fairness, charts),
      importanceSection(run.featureImportance, charts),
      explanationSection(report, charts, context),
      rationaleSection(run.featureRationale, run.selectedFeatures),
    ].filter((s): s is HTMLElement => s !== null);

    root.append(
      reportHeader(
        report.evaluatedOn ? `${report.evaluatedOn.model}: evaluation` : 'Evaluation report',
        report.generatedAt,
        context,
        headerFacts(report),
      ),
      navigation(sections),
      ...sections,
    );
    await charts.settled();
  },
};
