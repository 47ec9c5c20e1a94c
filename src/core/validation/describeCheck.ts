// Readable sentences for checks ("Body Mass (g)" values in [2700, 6300]), used in reports,
// diagnostics and the CLI, so every front door words an expectation the same way.
import type { Bounds, CheckSpec, RangeBounds } from './expectationTypes';

/** A number as people read it: integers plainly, others with up to 6 significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

const q = (column: string) => `"${column}"`;

function formatValue(value: number | string | boolean): string {
  return typeof value === 'number'
    ? formatNumber(value)
    : typeof value === 'string'
      ? JSON.stringify(value)
      : String(value);
}

export function describeBounds(bounds: Bounds): string {
  if (bounds.min !== undefined && bounds.max !== undefined)
    return `in [${formatNumber(bounds.min)}, ${formatNumber(bounds.max)}]`;
  if (bounds.min !== undefined) return `≥ ${formatNumber(bounds.min)}`;
  return `≤ ${formatNumber(bounds.max as number)}`;
}

export function describeRange(range: RangeBounds): string {
  const show = (v: number | string) => (typeof v === 'number' ? formatNumber(v) : v);
  if (range.min !== undefined && range.max !== undefined) {
    return `in ${range.exclusiveMin ? '(' : '['}${show(range.min)}, ${show(range.max)}${range.exclusiveMax ? ')' : ']'}`;
  }
  if (range.min !== undefined) return `${range.exclusiveMin ? '>' : '≥'} ${show(range.min)}`;
  return `${range.exclusiveMax ? '<' : '≤'} ${show(range.max as number | string)}`;
}

const STATISTIC_NAMES = { mean: 'mean', median: 'median', stddev: 'standard deviation', quantile: 'quantile' } as const;

export function describeCheck(spec: CheckSpec): string {
  switch (spec.kind) {
    case 'rowCount':
      return `number of rows ${describeBounds(spec.bounds)}`;
    case 'columnSet':
      return `columns are ${spec.mode === 'exactly' ? 'exactly' : 'at least'}: ${spec.columns.join(', ')}`;
    case 'exists':
      return spec.present ? `column ${q(spec.column)} exists` : `column ${q(spec.column)} is absent`;
    case 'type':
      return `${q(spec.column)} values are ${spec.type}`;
    case 'notNull':
      return `${q(spec.column)} has no missing values`;
    case 'maxMissingPercent':
      return `${q(spec.column)} has at most ${formatNumber(spec.percent)}% missing values`;
    case 'range':
      return `${q(spec.column)} values ${describeRange(spec.range)}`;
    case 'allowed': {
      const shown = spec.values.slice(0, 10).map(formatValue).join(', ');
      return `${q(spec.column)} values in {${shown}${spec.values.length > 10 ? `, … ${spec.values.length - 10} more` : ''}}`;
    }
    case 'regex':
      return `${q(spec.column)} values match /${spec.pattern}/`;
    case 'unique':
      return `${q(spec.column)} values are unique`;
    case 'statistic': {
      const what =
        spec.statistic === 'quantile' ? `quantile ${formatNumber(spec.q ?? 0)}` : STATISTIC_NAMES[spec.statistic];
      return `${what} of ${q(spec.column)} ${describeBounds(spec.bounds)}`;
    }
    case 'length':
      return `length of ${q(spec.column)} values ${describeBounds(spec.bounds)}`;
    case 'compare':
      return `${q(spec.left)} ${spec.op} ${q(spec.right)} where both are present`;
    case 'conditionalNull': {
      const then = spec.then.map(q).join(', ');
      const verb = spec.then.length > 1 ? 'are' : 'is';
      return `where ${q(spec.when)} is ${spec.whenNull ? 'missing' : 'present'}, ${then} ${verb} ${spec.thenNull ? 'missing' : 'present'}`;
    }
  }
}

/** The columns a check reads. */
export function columnsOf(spec: CheckSpec): string[] {
  switch (spec.kind) {
    case 'rowCount':
      return [];
    case 'columnSet':
      return [];
    case 'compare':
      return [spec.left, spec.right];
    case 'conditionalNull':
      return [spec.when, ...spec.then];
    default:
      return [spec.column];
  }
}
