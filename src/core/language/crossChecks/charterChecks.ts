// Cross-file checks of the project charter: each KPI's metric must be one the ML task has (a
// typo gets "did you mean"), the charter's task and target must agree with mlcycle.yaml, and the
// target must be a column of the training data.
import { isKnownMetric, metricNames } from '../../model/metrics';
import type { Task } from '../../model/models/estimator';
import { list, record, str, type CheckContext } from './checkContext';
import {
  checkColumn,
  dataColumns,
  isAnyMetric,
  isTask,
  knownClassCount,
  otherTask,
  projectTarget,
  projectTask,
} from './dataReferences';

const BINARY_ONLY = new Set(['precision', 'recall', 'f1']);
/** A class count that makes metricNames list only the metrics of every classification target. */
const COMMON_ONLY = 1;

/** Metric names a KPI may use: for the task (and class count when a run recorded it), or any. */
export function metricCandidates(task: Task | undefined, classes?: number): string[] {
  if (task === 'regression') return metricNames('regression');
  const classification =
    classes !== undefined
      ? metricNames('classification', classes)
      : [...new Set([...metricNames('classification', 2), ...metricNames('classification', 3)])];
  return task === 'classification' ? classification : [...classification, ...metricNames('regression')];
}

/**
 * Reports a metric name at `path` that the task does not have. Shared by the charter's KPIs and
 * the pipeline's primary metric.
 */
export function checkMetric(
  ctx: CheckContext,
  path: Array<string | number>,
  metric: string,
  task: Task | undefined,
  where: string,
): void {
  const classes = task === 'classification' ? knownClassCount(ctx) : undefined;
  if (task && isKnownMetric(metric, task)) {
    if (classes !== undefined && classes > 2 && BINARY_ONLY.has(metric)) {
      const range = ctx.range(path);
      ctx.report(
        range,
        'warning',
        'unknown-metric',
        `"${metric}" scores the positive class of a binary target; the runs' target has ${classes} classes (use ${metric}_macro or ${metric}_weighted).`,
        [ctx.replaceFix(range, `${metric}_macro`), ctx.replaceFix(range, `${metric}_weighted`, undefined, false)],
      );
    }
    return;
  }
  if (!task && isAnyMetric(metric)) return;
  if (task && isKnownMetric(metric, otherTask(task))) {
    ctx.report(
      ctx.range(path),
      'error',
      'unknown-metric',
      `"${metric}" is a ${otherTask(task)} metric, but ${where} is ${task}: use one of ${metricNames(task, classes ?? COMMON_ONLY).join(', ')}.`,
    );
    return;
  }
  const scope = task ? `${task} metric` : 'metric';
  ctx.unknownName(
    path,
    metric,
    metricCandidates(task, classes),
    'unknown-metric',
    'error',
    `"${metric}" is not a ${scope} ML Lifecycle knows.`,
  );
}

export function checkCharter(ctx: CheckContext): void {
  const charter = ctx.value;
  const ownTask = charter.task;
  const projectsTask = projectTask(ctx);
  if (typeof ownTask === 'string' && isTask(ownTask) && projectsTask && ownTask !== projectsTask) {
    const range = ctx.range(['task']);
    ctx.report(
      range,
      'warning',
      'task-mismatch',
      `The charter says ${ownTask}, but mlcycle.yaml's task is ${projectsTask}: training follows mlcycle.yaml.`,
      [ctx.replaceFix(range, projectsTask, `Change to ${projectsTask} (as in mlcycle.yaml)`)],
    );
  }
  const task = isTask(ownTask) ? ownTask : projectsTask;
  const where = isTask(ownTask) ? "the charter's task" : "the project's task";

  list(charter.kpis).forEach((kpi, i) => {
    const metric = str(record(kpi)?.metric);
    if (metric !== undefined && metric !== '') checkMetric(ctx, ['kpis', i, 'metric'], metric, task, where);
  });

  const target = str(charter.target);
  if (target === undefined || target === '') return;
  const projectsTarget = projectTarget(ctx);
  const data = dataColumns(ctx);
  if (data && !data.columns.includes(target)) {
    checkColumn(ctx, ['target'], target, data, { severity: 'warning', what: 'The target' });
  } else if (projectsTarget && target !== projectsTarget) {
    const range = ctx.range(['target']);
    ctx.report(
      range,
      'warning',
      'target-mismatch',
      `The charter's target is "${target}", but mlcycle.yaml's is "${projectsTarget}": training follows mlcycle.yaml.`,
      [ctx.replaceFix(range, projectsTarget, `Change to "${projectsTarget}" (as in mlcycle.yaml)`)],
    );
  }
}
