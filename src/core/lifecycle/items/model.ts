// Phase 3: model development and evaluation. Evidence: the newest training run record and the
// tuning studies, compared with the charter's KPIs.
import { COMMANDS } from '../../../protocol/commands';
import { actions, field, fromRecord, isFilled, failing, missing, newestRecord, passing } from '../evidence';
import type { Evaluation, ItemAction, LifecycleItem } from '../model';
import type { ProjectState, RecordFact } from '../projectState';
import { evaluateExplanation, explainAction } from './explanation';
import { evaluateTuning, tuningAction } from './tuning';
import { compareWithBaseline, meetsThreshold, metricValue, runModels } from '../runSummary';

const NO_RUN = 'No training run recorded yet.';

const train: ItemAction = { label: 'Train models', command: COMMANDS.trainModels };
const openReport: ItemAction = {
  label: 'Open evaluation report',
  command: COMMANDS.openEvaluationReport,
  args: ['newest'],
};

/** Train when there is no run or the newest is stale; otherwise show the newest run's report. */
function runAction(state: ProjectState, evaluation: Evaluation): ItemAction {
  return !newestRecord(state, 'run') || evaluation.status === 'stale' ? train : openReport;
}

/** An item proven by a section of the newest run record. */
function runSection(
  id: string,
  title: string,
  practice: string,
  evidence: string,
  check: (fact: RecordFact, state: ProjectState) => Evaluation,
): LifecycleItem {
  return {
    id,
    phase: 'model',
    title,
    practice,
    evidence,
    action: runAction,
    evaluate: (state) => fromRecord(state, 'run', NO_RUN, { check: (fact) => check(fact, state) }),
  };
}

function section(fact: RecordFact, key: string, found: string, absent: string): Evaluation {
  return isFilled(field(fact.record.data, key))
    ? passing(`${found} (run ${fact.record.name}).`)
    : missing(`${absent} (run ${fact.record.name}).`);
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4));

export const modelItems: LifecycleItem[] = [
  runSection(
    'model.featureSelection',
    'Feature selection with rationale',
    'Identify the most relevant features with filter, wrapper and embedded methods, and document the rationale for including or excluding each feature.',
    'The newest run records featureRationale: each feature kept or dropped, and why.',
    (fact) =>
      section(
        fact,
        'featureRationale',
        'Rationale recorded for the chosen features',
        'The run records no feature rationale',
      ),
  ),
  runSection(
    'model.baseline',
    'Baseline trained first',
    'Start with simpler models as baselines before exploring complex approaches: they are the reference point for whether complexity pays.',
    'The newest run contains a baseline model (majority class / mean).',
    (fact) => {
      const baseline = runModels(fact.record.data).find((m) => m.baseline);
      return baseline
        ? passing(`Baseline ${baseline.name} in run ${fact.record.name}.`)
        : failing(`Run ${fact.record.name} has no baseline model.`);
    },
  ),
  runSection(
    'model.beatsBaseline',
    'Baseline beaten',
    'A more complex model earns its place only by improving on the baseline.',
    "The newest run's best model beats its best baseline on the primary metric.",
    (fact) => {
      const c = compareWithBaseline(fact.record.data);
      if (!c) return missing(`Run ${fact.record.name} has no baseline and model to compare.`);
      const text = `${c.best.name} ${c.metric} ${fmt(c.bestValue)} vs baseline ${fmt(c.baselineValue)}`;
      return c.beats ? passing(`${text}.`) : failing(`${text}: does not beat the baseline.`);
    },
  ),
  runSection(
    'model.selection',
    'Candidate models compared',
    'Choose algorithms for the nature of the problem, data volume, interpretability, computational constraints and performance metrics, by comparing candidates.',
    'The newest run trains more than one candidate besides the baseline.',
    (fact) => {
      const candidates = runModels(fact.record.data).filter((m) => !m.baseline);
      return candidates.length > 1
        ? passing(`${candidates.length} candidates: ${candidates.map((m) => m.name).join(', ')}.`)
        : missing(`Run ${fact.record.name} trains ${candidates.length} candidate model.`);
    },
  ),
  runSection(
    'model.crossValidation',
    'Cross-validated',
    'Use appropriate metrics and cross-validation to make sure the performance is robust, not luck of one split.',
    'The newest run reports cross-validated metrics (mean and spread).',
    (fact) =>
      runModels(fact.record.data).some((m) => isFilled(m.metrics.cv))
        ? passing(`Cross-validated metrics in run ${fact.record.name}.`)
        : missing(`Run ${fact.record.name} has no cross-validation.`),
  ),
  runSection(
    'model.holdout',
    'Tested on untouched holdout data',
    'Test on holdout data that was not used in training.',
    'The newest run reports metrics on the holdout data.',
    (fact) =>
      runModels(fact.record.data).some((m) => isFilled(m.metrics.holdout))
        ? passing(`Holdout metrics in run ${fact.record.name}.`)
        : missing(`Run ${fact.record.name} has no holdout metrics.`),
  ),
  runSection(
    'model.errorAnalysis',
    'Error analysis',
    'Conduct error analysis to understand where the model fails: the slices and rows where it does worst.',
    'The newest run records errorAnalysis.',
    (fact) => section(fact, 'errorAnalysis', 'Worst slices analysed', 'No error analysis'),
  ),
  {
    id: 'model.fairness',
    phase: 'model',
    title: 'Fairness across segments',
    practice: 'Check for fairness and bias across different segments of the population.',
    evidence: 'mlcycle.yaml names sensitiveColumns and the newest run records per-group metrics (fairness).',
    action: (state, evaluation) =>
      (state.projectFile.project?.sensitiveColumns ?? []).length === 0
        ? actions.openProjectFile()
        : runAction(state, evaluation),
    evaluate: (state) => {
      const sensitive = state.projectFile.project?.sensitiveColumns ?? [];
      if (sensitive.length === 0) return missing('Name the sensitive columns (sensitiveColumns) in mlcycle.yaml.');
      return fromRecord(state, 'run', NO_RUN, {
        check: (fact) =>
          section(fact, 'fairness', `Per-group metrics for ${sensitive.join(', ')}`, 'No fairness analysis'),
      });
    },
  },
  {
    id: 'model.explainability',
    phase: 'model',
    title: 'Model explained',
    practice:
      'Make model decisions transparent with feature importance, SHAP values or LIME, especially in regulated or high-stakes settings.',
    evidence:
      "An explanation record (.mlcycle/explanations/) of the newest run's model: SHAP values per row and overall, from files unchanged since, additive to the model's output.",
    action: () => explainAction,
    evaluate: evaluateExplanation,
  },
  {
    id: 'model.tuning',
    phase: 'model',
    title: 'Hyperparameters tuned',
    practice:
      'Optimise hyperparameters with grid, random or Bayesian search, in stages from broad ranges to the promising region.',
    evidence:
      'A tuning study (.mlcycle/studies/) whose best trial was promoted into a training run that is newer than the data.',
    action: tuningAction,
    evaluate: evaluateTuning,
  },
  {
    id: 'model.kpis',
    phase: 'model',
    title: "Charter's KPIs met",
    practice: 'Use a standardised evaluation that checks the success criteria agreed in the charter.',
    evidence:
      "Each charter KPI's threshold compared with the newest run's best model (holdout, else cross-validated mean).",
    action: () => actions.openDocument('charter', 'Open charter'),
    evaluate: (state) => {
      const kpis = field(state.documents.charter?.value, 'kpis');
      if (!Array.isArray(kpis) || kpis.length === 0) return missing('The charter defines no KPIs.');
      return fromRecord(state, 'run', NO_RUN, {
        check: (fact) => {
          const comparison = compareWithBaseline(fact.record.data);
          const best = comparison?.best ?? runModels(fact.record.data).find((m) => !m.baseline);
          if (!best) return missing(`Run ${fact.record.name} has no model.`);
          const results = kpis.map((k) => {
            const metric = String(field(k, 'metric'));
            const threshold = Number(field(k, 'threshold'));
            const value = metricValue(best, metric);
            const ok = value !== undefined && meetsThreshold(metric, value, threshold, field(k, 'direction'));
            return { metric, threshold, value, ok };
          });
          const unknown = results.filter((r) => r.value === undefined);
          if (unknown.length)
            return failing(`Run ${fact.record.name} has no ${unknown.map((r) => r.metric).join(', ')}.`);
          const text = results.map((r) => `${r.metric} ${fmt(r.value!)} (target ${r.threshold})`).join(', ');
          return results.every((r) => r.ok) ? passing(`${best.name}: ${text}.`) : failing(`${best.name}: ${text}.`);
        },
      });
    },
  },
];
