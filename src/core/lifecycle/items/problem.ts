// Phase 1: problem definition and scoping. Evidence lives in the project charter.
import { actions, documentField, fromDocument, field, failing, missing, passing } from '../evidence';
import type { LifecycleItem } from '../model';

const charterAction = () => actions.openDocument('charter', 'Open charter');

function feasibility(id: string, key: string, title: string, practice: string): LifecycleItem {
  return {
    id,
    phase: 'problem',
    title,
    practice,
    evidence: `The charter's feasibility.${key}.answer (yes / no / unsure) with its evidence.`,
    action: charterAction,
    evaluate: (state) =>
      fromDocument(state, 'charter', (value, file) => {
        const answer = String(field(value, `feasibility.${key}.answer`) ?? '').toLowerCase();
        const why = String(field(value, `feasibility.${key}.evidence`) ?? '').trim();
        if (answer === 'yes')
          return why ? passing(`Yes: ${why}`) : missing(`${file}: answered yes, but with no evidence.`);
        if (answer === 'no') return failing(`No${why ? `: ${why}` : ''} (${file}).`);
        if (answer === 'unsure') return missing(`Unsure${why ? `: ${why}` : ''} (${file}).`);
        return missing(`${file} does not answer feasibility.${key} yet.`);
      }),
  };
}

export const problemItems: LifecycleItem[] = [
  {
    id: 'problem.charter',
    phase: 'problem',
    title: 'Project charter written',
    practice:
      'Create a project charter that clearly articulates the business problem, success criteria, and expected ROI. It is the reference point throughout the project and keeps technical and business stakeholders aligned.',
    evidence:
      'The charter document named in mlcycle.yaml (default docs/charter.yaml) exists, parses, and states the business problem.',
    action: (_s, e) => actions.openDocument('charter', e.status === 'missing' ? 'Create charter' : 'Open charter'),
    evaluate: (state) => documentField(state, 'charter', 'problem', 'Business problem'),
  },
  {
    id: 'problem.objectives',
    phase: 'problem',
    title: 'Business objectives identified',
    practice: 'Identify the specific business objectives the model will address.',
    evidence: 'The charter lists objectives.',
    action: charterAction,
    evaluate: (state) => documentField(state, 'charter', 'objectives', 'Objectives'),
  },
  {
    id: 'problem.task',
    phase: 'problem',
    title: 'Translated into an ML task',
    practice:
      'Translate the business problem into a machine-learning task (classification, regression, ...) with a target to predict.',
    evidence: 'mlcycle.yaml is valid and names the task and the target column.',
    action: () => actions.openProjectFile(),
    evaluate: (state) => {
      const { project, exists, problems } = state.projectFile;
      if (!exists) return missing('No mlcycle.yaml in this folder.');
      if (!project) {
        const first = problems.find((p) => p.severity === 'error');
        return failing(
          first
            ? `mlcycle.yaml:${first.start.line}:${first.start.column} ${first.message}`
            : 'mlcycle.yaml is invalid.',
        );
      }
      return passing(`${project.task} of "${project.target}".`);
    },
  },
  {
    id: 'problem.kpis',
    phase: 'problem',
    title: 'KPIs defined, each with a metric',
    practice:
      'Determine key performance indicators (KPIs) to measure success, each measured by a named metric with a threshold.',
    evidence: 'The charter lists kpis, each with a metric and a threshold.',
    action: charterAction,
    evaluate: (state) =>
      fromDocument(state, 'charter', (value, file) => {
        const kpis = field(value, 'kpis');
        if (!Array.isArray(kpis) || kpis.length === 0) return missing(`${file} has no kpis yet.`);
        const incomplete = kpis.filter((k) => !field(k, 'metric') || field(k, 'threshold') === undefined);
        return incomplete.length
          ? failing(`${incomplete.length} of ${kpis.length} KPIs lack a metric or a threshold (${file}).`)
          : passing(
              `${kpis.length} KPI${kpis.length > 1 ? 's' : ''}: ${kpis.map((k) => `${field(k, 'metric')} ≥ ${field(k, 'threshold')}`).join(', ')}.`,
            );
      }),
  },
  {
    id: 'problem.expectations',
    phase: 'problem',
    title: 'Realistic expectations and success criteria',
    practice:
      'Set realistic expectations for model performance and impact, and the success criteria the project will be judged by.',
    evidence: 'The charter states successCriteria.',
    action: charterAction,
    evaluate: (state) => documentField(state, 'charter', 'successCriteria', 'Success criteria'),
  },
  {
    id: 'problem.roi',
    phase: 'problem',
    title: 'Expected ROI stated',
    practice: 'State the expected return on investment, so the value can be weighed against the cost.',
    evidence: 'The charter states expectedRoi.',
    action: charterAction,
    evaluate: (state) => documentField(state, 'charter', 'expectedRoi', 'Expected ROI'),
  },
  {
    id: 'problem.stakeholders',
    phase: 'problem',
    title: 'Stakeholders aligned',
    practice: 'Align technical and business stakeholders on the problem and the success criteria.',
    evidence: 'The charter lists stakeholders.',
    action: charterAction,
    evaluate: (state) => documentField(state, 'charter', 'stakeholders', 'Stakeholders'),
  },
  feasibility(
    'problem.feasibility.data',
    'dataAvailable',
    'Feasibility: enough quality data?',
    'Before investing significant resources, assess whether sufficient high-quality data is available.',
  ),
  feasibility(
    'problem.feasibility.defined',
    'wellDefined',
    'Feasibility: problem well defined?',
    'Assess whether the problem is well-defined enough for a machine-learning solution.',
  ),
  feasibility(
    'problem.feasibility.value',
    'valueJustifiesCost',
    'Feasibility: value justifies cost?',
    'Assess whether the potential business value justifies the investment.',
  ),
  feasibility(
    'problem.feasibility.alternatives',
    'simplerAlternatives',
    'Feasibility: simpler alternatives considered?',
    'Assess whether simpler alternatives might solve the problem adequately. Answer yes when they were considered and ruled out.',
  ),
];
