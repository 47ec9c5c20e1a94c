// Each check as DuckDB SQL over the loaded table: a boolean that is true for the rows breaking
// a row-level check, and the aggregates a statistical check needs. The evaluator puts every
// check's expressions into one SELECT, so the data is scanned once whatever the check count.
import { quoteIdent, quoteLiteral } from '../duckdb/sql';
import type { CheckSpec, CompareOp, RangeBounds } from './expectationTypes';
import { isNumericClass, storageClass, type StorageClass } from './storageTypes';

export interface CheckSql {
  /** True for a row that breaks the check; never NULL. Absent for dataset-level and statistical checks. */
  offending?: string;
  /** Aggregate expressions the check's verdict is computed from, by short name. */
  aggregates: Record<string, string>;
}

/** The storage type of every column in the data, by name. */
export type ColumnTypes = ReadonlyMap<string, string>;

class Column {
  readonly sql: string;
  readonly kind: StorageClass;

  constructor(name: string, types: ColumnTypes) {
    this.sql = quoteIdent(name);
    this.kind = storageClass(types.get(name) ?? 'VARCHAR');
  }

  /** Missing as pandas counts it: NULL, and NaN in floating-point columns. */
  get missing(): string {
    return this.kind === 'float' ? `(${this.sql} IS NULL OR isnan(${this.sql}))` : `(${this.sql} IS NULL)`;
  }

  get present(): string {
    return `(NOT ${this.missing})`;
  }

  /** The value as a DOUBLE; NULL where it is not a number. */
  get number(): string {
    if (isNumericClass(this.kind)) return `CAST(${this.sql} AS DOUBLE)`;
    if (this.kind === 'text') return `try_cast(${this.sql} AS DOUBLE)`;
    return 'CAST(NULL AS DOUBLE)';
  }

  /** The value as a TIMESTAMP; NULL where it is not a date or time. */
  get timestamp(): string {
    if (this.kind === 'temporal' || this.kind === 'text') return `try_cast(${this.sql} AS TIMESTAMP)`;
    return 'CAST(NULL AS TIMESTAMP)';
  }

  get text(): string {
    return `CAST(${this.sql} AS VARCHAR)`;
  }
}

/** Rows that have a value and for which `condition` is not true (false, or NULL: unparsable). */
function presentAndNot(column: Column, condition: string): string {
  return `(${column.present} AND NOT coalesce(${condition}, false))`;
}

function numberLiteral(value: number): string {
  return `CAST(${String(value)} AS DOUBLE)`;
}

function rangeCondition(column: Column, range: RangeBounds): string {
  const dates = typeof range.min === 'string' || typeof range.max === 'string';
  const value = dates ? column.timestamp : column.number;
  const literal = (v: number | string) =>
    typeof v === 'string' ? `CAST(${quoteLiteral(v)} AS TIMESTAMP)` : numberLiteral(v);
  const parts = [`${value} IS NOT NULL`];
  if (range.min !== undefined) parts.push(`${value} ${range.exclusiveMin ? '>' : '>='} ${literal(range.min)}`);
  if (range.max !== undefined) parts.push(`${value} ${range.exclusiveMax ? '<' : '<='} ${literal(range.max)}`);
  return `(${parts.join(' AND ')})`;
}

function boundsCondition(value: string, bounds: { min?: number; max?: number }): string {
  const parts = [`${value} IS NOT NULL`];
  if (bounds.min !== undefined) parts.push(`${value} >= ${bounds.min}`);
  if (bounds.max !== undefined) parts.push(`${value} <= ${bounds.max}`);
  return `(${parts.join(' AND ')})`;
}

const isNumberLike = (v: string | number | boolean) =>
  typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));

function allowedCondition(column: Column, values: Array<string | number | boolean>): string {
  // A numeric column compares numerically (4 matches 4.0); anything else compares the text.
  if (isNumericClass(column.kind) && values.every(isNumberLike)) {
    return `(${column.number} IN (${values.map((v) => numberLiteral(Number(v))).join(', ')}))`;
  }
  return `(${column.text} IN (${values.map((v) => quoteLiteral(String(v))).join(', ')}))`;
}

function typeOffending(column: Column, type: string): string {
  const notParsed = (parsed: string) => presentAndNot(column, `${parsed} IS NOT NULL`);
  switch (type) {
    case 'numeric':
      if (isNumericClass(column.kind)) return 'false';
      return column.kind === 'text' ? notParsed(column.number) : column.present;
    case 'boolean':
      if (column.kind === 'boolean') return 'false';
      if (column.kind === 'integer') return presentAndNot(column, `${column.sql} IN (0, 1)`);
      return column.kind === 'text' ? notParsed(`try_cast(${column.sql} AS BOOLEAN)`) : column.present;
    case 'datetime':
      return column.kind === 'temporal' || column.kind === 'text' ? notParsed(column.timestamp) : column.present;
    default:
      // string: the reader stored the column as text.
      return column.kind === 'text' ? 'false' : column.present;
  }
}

const SQL_OPS: Record<CompareOp, string> = { '<': '<', '<=': '<=', '==': '=', '!=': '<>', '>=': '>=', '>': '>' };

/** Both sides in one comparable form: numbers, timestamps, or text. */
function comparable(left: Column, right: Column): [string, string] {
  const numeric = (c: Column) => isNumericClass(c.kind);
  if (numeric(left) && numeric(right)) return [left.sql, right.sql];
  if ((numeric(left) && right.kind === 'text') || (left.kind === 'text' && numeric(right)))
    return [left.number, right.number];
  const temporal = (c: Column) => c.kind === 'temporal';
  if ((temporal(left) || temporal(right)) && [left.kind, right.kind].every((k) => k === 'temporal' || k === 'text')) {
    return [left.timestamp, right.timestamp];
  }
  return [left.text, right.text];
}

/** A safe name for an aggregate's result column. */
export function aggregateAlias(checkIndex: number, name: string): string {
  return quoteIdent(`c${checkIndex}_${name}`);
}

export function regexProbe(pattern: string): string {
  return `SELECT regexp_matches('', ${quoteLiteral(pattern)}) AS ok`;
}

/** SQL for one check whose columns all exist in the data. */
export function checkSql(spec: CheckSpec, types: ColumnTypes): CheckSql {
  const col = (name: string) => new Column(name, types);
  switch (spec.kind) {
    case 'rowCount':
    case 'columnSet':
    case 'exists':
      return { aggregates: {} };
    case 'notNull':
    case 'maxMissingPercent':
      return { offending: col(spec.column).missing, aggregates: {} };
    case 'type':
      return { offending: typeOffending(col(spec.column), spec.type), aggregates: {} };
    case 'range': {
      const column = col(spec.column);
      const dates = typeof spec.range.min === 'string' || typeof spec.range.max === 'string';
      // The observed extremes, for the report: as text for dates, so they read as written.
      const [min, max] = dates
        ? [`CAST(min(${column.timestamp}) AS VARCHAR)`, `CAST(max(${column.timestamp}) AS VARCHAR)`]
        : [`min(${column.number})`, `max(${column.number})`];
      return { offending: presentAndNot(column, rangeCondition(column, spec.range)), aggregates: { min, max } };
    }
    case 'allowed': {
      const column = col(spec.column);
      return { offending: presentAndNot(column, allowedCondition(column, spec.values)), aggregates: {} };
    }
    case 'regex': {
      const column = col(spec.column);
      return {
        offending: presentAndNot(column, `regexp_matches(${column.text}, ${quoteLiteral(spec.pattern)})`),
        aggregates: {},
      };
    }
    case 'length': {
      const column = col(spec.column);
      const length = `length(${column.text})`;
      return {
        offending: presentAndNot(column, boundsCondition(length, spec.bounds)),
        aggregates: { minLength: `min(${length})`, maxLength: `max(${length})` },
      };
    }
    case 'unique': {
      const column = col(spec.column);
      // Offending rows (every row of a repeated value) need a GROUP BY: run only when this fails.
      return {
        aggregates: {
          present: `count(*) FILTER (WHERE ${column.present})`,
          distinct: `count(DISTINCT ${column.sql}) FILTER (WHERE ${column.present})`,
        },
      };
    }
    case 'statistic': {
      const value = col(spec.column).number;
      const statistic =
        spec.statistic === 'mean'
          ? `avg(${value})`
          : spec.statistic === 'stddev'
            ? `stddev_samp(${value})`
            : `quantile_cont(${value}, ${spec.statistic === 'median' ? 0.5 : spec.q})`;
      return { aggregates: { value: statistic, numbers: `count(${value})` } };
    }
    case 'compare': {
      const left = col(spec.left);
      const right = col(spec.right);
      const [l, r] = comparable(left, right);
      return {
        offending: `(${left.present} AND ${right.present} AND NOT coalesce(${l} ${SQL_OPS[spec.op]} ${r}, false))`,
        aggregates: {},
      };
    }
    case 'conditionalNull': {
      const when = col(spec.when);
      const then = spec.then.map((name) => (spec.thenNull ? col(name).missing : col(name).present));
      return {
        offending: `(${spec.whenNull ? when.missing : when.present} AND NOT (${then.join(' AND ')}))`,
        aggregates: {},
      };
    }
  }
}

/** Rows holding a value of `column` that occurs more than once. */
export function duplicateRowsSql(
  table: string,
  column: string,
  types: ColumnTypes,
): { count: string; examples: string } {
  const c = new Column(column, types);
  const repeated = `SELECT ${c.sql} FROM ${table} WHERE ${c.present} GROUP BY ${c.sql} HAVING count(*) > 1`;
  return {
    count: `SELECT count(*) AS n FROM ${table} WHERE ${c.present} AND ${c.sql} IN (${repeated})`,
    examples: `SELECT rowid AS r FROM ${table} WHERE ${c.present} AND ${c.sql} IN (${repeated}) ORDER BY rowid LIMIT 5`,
  };
}
