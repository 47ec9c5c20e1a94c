// The data a document talks about: which file's columns a column name is checked against, the
// project's task, and the check of a data path a document names (inside the workspace, present).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isKnownMetric } from '../../model/metrics';
import type { Task } from '../../model/models/estimator';
import { isInside, isReallyInside } from '../../paths';
import { columnsForPath, datasetPathsOf } from '../workspaceFacts';
import { record, str, type CheckContext, type YamlPath } from './checkContext';

export interface DataColumns {
  /** The file, relative to the root, as messages name it. */
  file: string;
  columns: string[];
}

/** The columns of the data file at `path` (default: the project's training data), when known. */
export function dataColumns(ctx: CheckContext, path?: string): DataColumns | undefined {
  const file = path ?? datasetPathsOf(ctx.facts).train;
  if (!file) return undefined;
  const columns = columnsForPath(ctx.facts, file);
  return columns ? { file, columns } : undefined;
}

export function isTask(value: unknown): value is Task {
  return value === 'classification' || value === 'regression';
}

/** mlcycle.yaml's task (the valid project's, else whatever the file says). */
export function projectTask(ctx: CheckContext): Task | undefined {
  const task = ctx.facts.project?.task ?? record(ctx.facts.documents.project)?.task;
  return isTask(task) ? task : undefined;
}

/** mlcycle.yaml's target column. */
export function projectTarget(ctx: CheckContext): string | undefined {
  return ctx.facts.project?.target ?? str(record(ctx.facts.documents.project)?.target);
}

/** The number of classes of the newest run's target, when a run recorded them. */
export function knownClassCount(ctx: CheckContext): number | undefined {
  const classes = ctx.facts.runs.find((r) => r.task === 'classification' && Array.isArray(r.classes))?.classes;
  return classes ? classes.length : undefined;
}

export function otherTask(task: Task): Task {
  return task === 'classification' ? 'regression' : 'classification';
}

/** Whether `metric` is known for either task (a typo is known for neither). */
export function isAnyMetric(metric: string): boolean {
  return isKnownMetric(metric, 'classification') || isKnownMetric(metric, 'regression');
}

/**
 * Checks a data path written at `path` of the document: it must stay inside the workspace
 * (error, outside-workspace) and exist (warning, missing-file). Returns whether it is usable.
 */
export function checkDataPath(ctx: CheckContext, path: YamlPath, value: string, what: string): boolean {
  const range = ctx.range(path);
  const absolute = resolve(ctx.facts.root, value);
  if (!isInside(ctx.facts.root, absolute)) {
    ctx.report(
      range,
      'error',
      'outside-workspace',
      `${what} "${value}" lies outside the workspace folder: ML Lifecycle only reads data inside it. Copy the file into the project and give its path relative to the folder.`,
    );
    return false;
  }
  if (!isReallyInside(ctx.facts.root, absolute)) {
    ctx.report(
      range,
      'error',
      'outside-workspace',
      `${what} "${value}" leads outside the workspace folder through a symbolic link: ML Lifecycle only reads data inside it. Copy the file into the project instead of linking to it.`,
    );
    return false;
  }
  if (!existsSync(absolute)) {
    ctx.report(range, 'warning', 'missing-file', `${what} "${value}" does not exist (relative to the project folder).`);
    return false;
  }
  return true;
}

/**
 * Reports `name` (written at `path`) when it is not one of the data's columns (plus `extra`
 * names, such as derived features), with the nearest column as the fix.
 */
export function checkColumn(
  ctx: CheckContext,
  path: YamlPath,
  name: unknown,
  data: DataColumns,
  options: { severity?: 'error' | 'warning'; what?: string; extra?: readonly string[] } = {},
): void {
  if (typeof name !== 'string' || name === '') return;
  const known = options.extra ? [...data.columns, ...options.extra] : data.columns;
  if (known.includes(name)) return;
  const what = options.what ?? 'Column';
  ctx.unknownName(
    path,
    name,
    known,
    'unknown-column',
    options.severity ?? 'error',
    `${what} "${name}" is not a column of ${data.file}.`,
  );
}
