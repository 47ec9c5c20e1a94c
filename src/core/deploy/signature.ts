// A model's signature: what a request row must hold and what comes back. Built from the fitted
// pipeline's plans (types, learned categories, how missing values and unseen categories are
// handled) and the training rows (whether a column had missing values, the numeric range seen).
// checkRows validates request rows (plain objects) against it with structured errors the server
// turns into 4xx responses: each names the row and the field. Pure: no file system here.
import type { ColumnPlan } from '../model/pipeline/columnPlans';
import type { PipelineState } from '../model/pipeline/fittedPipeline';
import { expressionColumns, parseExpression } from '../model/pipeline/expression';
import type { Task } from '../model/models/estimator';

export const SIGNATURE_FORMAT_VERSION = 1;

export interface SignatureColumn {
  name: string;
  type: 'numeric' | 'categorical';
  /** A missing value (null, or NaN for a numeric column) is accepted. */
  nullable: boolean;
  /** The training rows had missing values in this column. */
  missingInTraining: boolean;
  /** The pipeline replaces a missing value (imputation) before the model sees it. */
  imputed: boolean;
  /** numeric: the smallest and largest value seen in training (null when every value was missing). */
  range?: { min: number; max: number } | null;
  /** categorical: the categories learned in training, sorted. */
  categories?: string[];
  /** categorical: what a category never seen in training does ("ignore": accepted, encoded as none). */
  unknown?: 'ignore' | 'error';
}

export interface SignatureOutputs {
  task: Task;
  /** The column the model predicts. */
  target: string;
  /** classification: the predicted label (one of `classes`); regression: a number. */
  prediction: 'label' | 'value';
  classes?: string[];
  /** classification: the response also holds one probability per class, in `classes` order. */
  probabilities: boolean;
}

export interface ModelSignature {
  formatVersion: typeof SIGNATURE_FORMAT_VERSION;
  inputs: SignatureColumn[];
  outputs: SignatureOutputs;
}

/** What the training rows showed of one input column. */
export interface TrainingColumnStats {
  missing: number;
  /** numeric only. */
  min?: number;
  max?: number;
  /** categorical only: the distinct present values. */
  distinct?: string[];
}

export interface SignatureSource {
  task: Task;
  target: string;
  classes?: string[];
  inputs: Array<{ name: string; type: 'numeric' | 'categorical' }>;
  /** The fitted pipeline's state; absent for external models (their trainer got the raw columns). */
  pipeline?: Pick<PipelineState, 'plans' | 'derive'>;
  training: Record<string, TrainingColumnStats>;
  probabilities: boolean;
}

/** Columns named in a derived feature's expression. */
function expressionUses(expression: string): string[] {
  return expressionColumns(parseExpression(expression)).map((c) => c.name);
}

/** The plans that read input `name`: its own, and those of derived features computed from it. */
function consumers(name: string, pipeline: SignatureSource['pipeline']): ColumnPlan[] {
  if (!pipeline) return [];
  const derivedFrom = new Set(
    pipeline.derive.filter((d) => expressionUses(d.expression).includes(name)).map((d) => d.name),
  );
  return pipeline.plans.filter((p) => p.column === name || derivedFrom.has(p.column));
}

export function buildSignature(source: SignatureSource): ModelSignature {
  const inputs = source.inputs.map((input): SignatureColumn => {
    const stats = source.training[input.name] ?? { missing: 0 };
    const plans = consumers(input.name, source.pipeline);
    const imputed = plans.length > 0 && plans.every((p) => p.fill !== null);
    const missingInTraining = stats.missing > 0;
    if (input.type === 'numeric') {
      const range =
        stats.min !== undefined && stats.max !== undefined && Number.isFinite(stats.min)
          ? { min: stats.min, max: stats.max }
          : null;
      return {
        name: input.name,
        type: 'numeric',
        nullable: imputed || missingInTraining,
        missingInTraining,
        imputed,
        range,
      };
    }
    const own = plans.find((p) => p.column === input.name && p.kind !== 'numeric');
    const learned = own && own.kind !== 'numeric' ? own.categories : (stats.distinct ?? []);
    const categories = learned.filter((c): c is string => c !== null).sort();
    const missingIsCategory = own !== undefined && own.kind !== 'numeric' && own.categories.includes(null);
    return {
      name: input.name,
      type: 'categorical',
      nullable: imputed || missingIsCategory || (!source.pipeline && missingInTraining),
      missingInTraining,
      imputed,
      categories,
      // External models get the raw columns: whether they cope with a new category is their trainer's affair.
      unknown: own && own.kind !== 'numeric' ? own.unknown : source.pipeline ? 'error' : 'ignore',
    };
  });
  const classification = source.task === 'classification';
  return {
    formatVersion: SIGNATURE_FORMAT_VERSION,
    inputs,
    outputs: {
      task: source.task,
      target: source.target,
      prediction: classification ? 'label' : 'value',
      ...(classification && source.classes ? { classes: [...source.classes] } : {}),
      probabilities: classification && source.probabilities,
    },
  };
}

// ---- checking request rows ----------------------------------------------------------------

export type RowErrorCode =
  | 'empty-batch'
  | 'not-an-object'
  | 'missing-column'
  | 'wrong-type'
  | 'null-not-allowed'
  | 'not-finite'
  | 'unseen-category';

export interface RowError {
  /** 0-based row of the request; null for an error of the whole batch. */
  row: number | null;
  /** The column; null when the error is not about one. */
  field: string | null;
  code: RowErrorCode;
  message: string;
}

export interface RowCheck {
  ok: boolean;
  errors: RowError[];
  /** Columns the rows hold that the model does not read: accepted and ignored, listed here. */
  extraColumns: string[];
  /** Errors past `maxErrors` not listed. */
  moreErrors: number;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function checkValue(column: SignatureColumn, value: unknown, row: number): RowError | undefined {
  const at = `row ${row}, column "${column.name}"`;
  const error = (code: RowErrorCode, message: string): RowError => ({ row, field: column.name, code, message });
  const missing = value === null || (typeof value === 'number' && Number.isNaN(value));
  if (missing)
    return column.nullable
      ? undefined
      : error(
          typeof value === 'number' ? 'not-finite' : 'null-not-allowed',
          `${at}: ${typeof value === 'number' ? 'NaN' : 'null'} is not accepted: the model saw no missing values here in training and the pipeline does not impute them.`,
        );
  if (column.type === 'numeric') {
    if (typeof value !== 'number') return error('wrong-type', `${at}: expected a number, got ${describe(value)}.`);
    if (!Number.isFinite(value)) return error('not-finite', `${at}: ${String(value)} is not a finite number.`);
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    return error('wrong-type', `${at}: expected a category (text), got ${describe(value)}.`);
  const text = String(value);
  if (column.unknown === 'error' && !(column.categories ?? []).includes(text)) {
    const known = column.categories ?? [];
    const shown = known.length > 10 ? `${known.slice(0, 10).join(', ')} … (${known.length})` : known.join(', ');
    return error(
      'unseen-category',
      `${at}: the category ${JSON.stringify(text)} was never seen in training (known: ${shown}).`,
    );
  }
  return undefined;
}

/** Validates request rows against the signature; lists at most `maxErrors` errors. */
export function checkRows(signature: ModelSignature, rows: readonly unknown[], maxErrors = 100): RowCheck {
  const errors: RowError[] = [];
  let total = 0;
  const push = (e: RowError) => {
    total++;
    if (errors.length < maxErrors) errors.push(e);
  };
  const known = new Set(signature.inputs.map((c) => c.name));
  const extra = new Set<string>();
  if (rows.length === 0)
    push({ row: null, field: null, code: 'empty-batch', message: 'The request holds no rows to predict.' });
  rows.forEach((row, r) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      push({
        row: r,
        field: null,
        code: 'not-an-object',
        message: `row ${r}: expected an object of column values, got ${describe(row)}.`,
      });
      return;
    }
    const record = row as Record<string, unknown>;
    for (const column of signature.inputs) {
      if (!Object.prototype.hasOwnProperty.call(record, column.name)) {
        push({
          row: r,
          field: column.name,
          code: 'missing-column',
          message: `row ${r}: the column "${column.name}" is missing.`,
        });
        continue;
      }
      const e = checkValue(column, record[column.name], r);
      if (e) push(e);
    }
    for (const key of Object.keys(record)) if (!known.has(key)) extra.add(key);
  });
  return { ok: total === 0, errors, extraColumns: [...extra].sort(), moreErrors: total - errors.length };
}
