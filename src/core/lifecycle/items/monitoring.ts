// Phase 5: monitoring and maintenance. Evidence: drift, performance and serving-time
// validation records, the monitoring settings of mlcycle.yaml, the registry, and decisions.
import { actions, fromRecord, monitoringSetting, newestRecord, passing, missing, stale } from '../evidence';
import type { LifecycleItem } from '../model';
import { decisionItem } from './deployment';

const DAY = 86_400_000;

export const monitoringItems: LifecycleItem[] = [
  {
    id: 'monitoring.performance',
    phase: 'monitoring',
    title: 'Production performance monitored',
    practice:
      'Continuously track accuracy and other relevant metrics in production, and compare performance across segments.',
    evidence: 'A performance record (.mlcycle/performance/) on current labelled data, within the alert thresholds.',
    action: () => actions.help('monitoring.performance'),
    evaluate: (state) => fromRecord(state, 'performance', 'No production performance measured yet.'),
  },
  {
    id: 'monitoring.drift',
    phase: 'monitoring',
    title: 'Data drift checked',
    practice:
      'Compare production data distributions to the training data with automated drift detection, and track prediction distributions.',
    evidence: 'A drift record of the current dataset against the training data, made from their current content.',
    action: () => actions.help('monitoring.drift'),
    evaluate: (state) => {
      if (!state.projectFile.project?.datasets.current)
        return missing('Name a `current` dataset (recent production data) in mlcycle.yaml.');
      return fromRecord(state, 'drift', 'Drift has not been checked.');
    },
  },
  {
    id: 'monitoring.servingValidation',
    phase: 'monitoring',
    title: 'Data validated at serving time',
    practice:
      'Implement data validation at serving time too, so bad production data is caught before it reaches the model.',
    evidence: 'A validation record of the current dataset (.mlcycle/validations/current.json), passing.',
    action: (state) =>
      state.projectFile.project?.datasets.current ? actions.validate('current') : actions.openProjectFile(),
    evaluate: (state) => {
      if (!state.projectFile.project?.datasets.current) return missing('Name a `current` dataset in mlcycle.yaml.');
      return fromRecord(state, 'validation', 'The current data has not been validated.', { name: 'current' });
    },
  },
  {
    id: 'monitoring.thresholds',
    phase: 'monitoring',
    title: 'Alert thresholds set',
    practice: 'Set up alerts for metric degradation and thresholds for significant drift that requires action.',
    evidence: 'mlcycle.yaml sets monitoring.alerts (metric thresholds).',
    action: () => actions.openProjectFile(),
    evaluate: (state) => monitoringSetting(state, 'alerts', 'Alert thresholds'),
  },
  {
    id: 'monitoring.retraining',
    phase: 'monitoring',
    title: 'Retraining scheduled',
    practice: 'Retrain at regular intervals, and when performance degrades or data drifts.',
    evidence: 'mlcycle.yaml sets monitoring.retrainEveryDays, and the newest run is younger than that.',
    action: () => actions.openProjectFile(),
    evaluate: (state) => {
      const every = state.projectFile.project?.monitoring.retrainEveryDays;
      if (!every) return missing('Set monitoring.retrainEveryDays in mlcycle.yaml.');
      const run = newestRecord(state, 'run');
      if (!run) return missing(`Retrain every ${every} days; no run recorded yet.`);
      const age = (state.collectedAt - Date.parse(run.record.createdAt)) / DAY;
      return age > every
        ? stale(`Last trained ${Math.floor(age)} days ago; the schedule says every ${every} days.`)
        : passing(`Retrain every ${every} days; last run ${Math.floor(age)} days ago.`);
    },
  },
  {
    id: 'monitoring.review',
    phase: 'monitoring',
    title: 'Regular model review',
    practice: 'Define a regular cadence for a comprehensive model review, even when automated checks raise no alert.',
    evidence: 'mlcycle.yaml sets monitoring.reviewEveryDays, and a review decision is younger than that.',
    confirmable: true,
    action: () => actions.confirm('monitoring.review'),
    evaluate: (state) => {
      const every = state.projectFile.project?.monitoring.reviewEveryDays;
      if (!every) return missing('Set monitoring.reviewEveryDays in mlcycle.yaml.');
      const review = state.decisions.get('monitoring.review');
      if (!review) return missing(`Review every ${every} days; no review recorded yet.`);
      const age = (state.collectedAt - Date.parse(review.at)) / DAY;
      return age > every
        ? stale(`Last review ${Math.floor(age)} days ago by ${review.by}; due every ${every} days.`)
        : passing(`Reviewed ${Math.floor(age)} days ago by ${review.by}: ${review.note}`);
    },
  },
  {
    id: 'monitoring.registry',
    phase: 'monitoring',
    title: 'Model registry kept',
    practice:
      'Maintain a model registry that tracks all model versions, their metrics, training datasets and deployment history.',
    evidence: 'The registry record (.mlcycle/registry/) lists at least one model version.',
    action: () => actions.help('monitoring.registry'),
    evaluate: (state) => fromRecord(state, 'registry', 'No model registered yet.'),
  },
  {
    id: 'monitoring.automation',
    phase: 'monitoring',
    title: 'Checks automated in CI',
    practice:
      'Invest in MLOps: automate testing, validation, drift checks and retraining, so they run without anyone remembering to.',
    evidence: 'A CI configuration (.github/workflows, .gitlab-ci.yml, Jenkinsfile ...) runs the mlcycle command line.',
    action: () => actions.help('monitoring.automation'),
    evaluate: (state) =>
      state.automatedChecks.length
        ? passing(`mlcycle runs in ${state.automatedChecks.join(', ')}.`)
        : missing('No CI configuration runs mlcycle yet.'),
  },
  decisionItem(
    'monitoring.dashboard',
    'monitoring',
    'KPI dashboard shared',
    'Create dashboards that visualise the key performance indicators for both technical and business stakeholders.',
    'where the dashboard lives and who sees it.',
  ),
  decisionItem(
    'monitoring.feedback',
    'monitoring',
    'Feedback captured',
    'Capture feedback from end users or downstream systems.',
    'how feedback reaches the team.',
  ),
  decisionItem(
    'monitoring.approval',
    'monitoring',
    'Approval process for updates',
    'Document the approval process for pushing model updates to production.',
    'who approves an update, and how.',
  ),
];
