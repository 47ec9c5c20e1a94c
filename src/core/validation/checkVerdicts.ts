// From the figures the SQL computed to a verdict: pass or fail, the observed value, and one
// sentence that says what was expected and what was found. Pure, so every wording is tested.
import { describeBounds, describeRange, formatNumber } from './describeCheck';
import type { Bounds, CheckResult, CheckSpec } from './expectationTypes';
import { describeStorage } from './storageTypes';

export interface Figures {
  rows: number;
  columns: string[];
  /** Storage type by column name. */
  types: ReadonlyMap<string, string>;
  /** Row-level checks: rows breaking the check. */
  offending?: number;
  /** Named aggregates of this check (see checkSql). */
  aggregates: Record<string, number | string | null>;
}

export type Verdict = Pick<CheckResult, 'status' | 'observed' | 'message'> & {
  offendingRows?: number;
  offendingPercent?: number;
};

const q = (column: string) => `"${column}"`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

const show = (value: number | string | null | undefined) =>
  typeof value === 'number' ? formatNumber(value) : String(value);

function percentOf(count: number, rows: number): number {
  return rows === 0 ? 0 : Number(((count / rows) * 100).toFixed(4));
}

function within(value: number, bounds: Bounds): boolean {
  return (bounds.min === undefined || value >= bounds.min) && (bounds.max === undefined || value <= bounds.max);
}

/** A percentage for sentences: at most two decimals. */
function percentText(percent: number): string {
  return `${Number(percent.toFixed(2))}%`;
}

/** A verdict for a row-level check: passes when no row breaks it. `observedText` joins the figures in brackets. */
function rowVerdict(
  figures: Figures,
  what: (n: number) => string,
  passing: string,
  observed?: number | string,
): Verdict {
  const count = figures.offending ?? 0;
  const offendingPercent = percentOf(count, figures.rows);
  const details = [`${percentText(offendingPercent)} of ${plural(figures.rows, 'row')}`];
  if (typeof observed === 'string' && observed.includes('…')) details.push(`observed ${observed}`);
  return {
    status: count === 0 ? 'pass' : 'fail',
    observed: observed ?? count,
    message: count === 0 ? passing : `${what(count)} (${details.join('; ')}).`,
    offendingRows: count,
    offendingPercent,
  };
}

export function verdict(spec: CheckSpec, figures: Figures): Verdict {
  const { rows, aggregates } = figures;
  switch (spec.kind) {
    case 'rowCount': {
      const ok = within(rows, spec.bounds);
      return {
        status: ok ? 'pass' : 'fail',
        observed: rows,
        message: `${plural(rows, 'row')}; expected ${describeBounds(spec.bounds)}.`,
      };
    }
    case 'columnSet': {
      const missing = spec.columns.filter((c) => !figures.columns.includes(c));
      const extra = spec.mode === 'exactly' ? figures.columns.filter((c) => !spec.columns.includes(c)) : [];
      const problems = [
        missing.length ? `missing ${missing.map(q).join(', ')}` : '',
        extra.length ? `unexpected ${extra.map(q).join(', ')}` : '',
      ].filter(Boolean);
      return {
        status: problems.length ? 'fail' : 'pass',
        observed: figures.columns,
        message: problems.length
          ? `Columns ${problems.join('; ')}.`
          : `All ${plural(spec.columns.length, 'expected column')} present${spec.mode === 'exactly' ? ', no others' : ''}.`,
      };
    }
    case 'exists': {
      const present = figures.columns.includes(spec.column);
      if (present === spec.present) {
        return {
          status: 'pass',
          observed: present ? 'present' : 'absent',
          message: `Column ${q(spec.column)} is ${present ? 'present' : 'absent'}.`,
        };
      }
      if (present)
        return { status: 'fail', observed: 'present', message: `Column ${q(spec.column)} is present but must not be.` };
      return { status: 'fail', observed: 'absent', message: missingColumnMessage(spec.column, figures.columns) };
    }
    case 'notNull': {
      const v = rowVerdict(
        figures,
        (n) => `${q(spec.column)} has ${plural(n, 'missing value')}`,
        `${q(spec.column)} has no missing values.`,
      );
      return v.status === 'fail' ? v : { ...v, observed: 0 };
    }
    case 'maxMissingPercent': {
      const count = figures.offending ?? 0;
      const percent = percentOf(count, rows);
      const ok = percent <= spec.percent;
      return {
        status: ok ? 'pass' : 'fail',
        observed: percent,
        message: `${q(spec.column)} is ${percentText(percent)} missing (${plural(count, 'row')} of ${rows.toLocaleString('en-US')}); at most ${formatNumber(spec.percent)}% allowed.`,
        offendingRows: ok ? 0 : count,
        offendingPercent: ok ? 0 : percent,
      };
    }
    case 'type': {
      const storage = figures.types.get(spec.column) ?? 'VARCHAR';
      if (spec.type === 'string') {
        return rowVerdict(
          figures,
          () => `${q(spec.column)} is read as ${describeStorage(storage)}, not text`,
          `${q(spec.column)} is text.`,
          storage,
        );
      }
      return rowVerdict(
        figures,
        (n) => `${plural(n, 'value')} of ${q(spec.column)} ${n === 1 ? 'is' : 'are'} not ${spec.type}`,
        `Every value of ${q(spec.column)} is ${spec.type} (stored as ${storage}).`,
        storage,
      );
    }
    case 'range': {
      const observed =
        aggregates.min === null || aggregates.min === undefined
          ? undefined
          : `${show(aggregates.min)} … ${show(aggregates.max)}`;
      return rowVerdict(
        figures,
        (n) => `${plural(n, 'value')} of ${q(spec.column)} ${n === 1 ? 'is' : 'are'} not ${describeRange(spec.range)}`,
        `Every value of ${q(spec.column)} is ${describeRange(spec.range)}${observed ? ` (observed ${observed})` : ''}.`,
        observed,
      );
    }
    case 'allowed':
      return rowVerdict(
        figures,
        (n) => `${plural(n, 'value')} of ${q(spec.column)} ${n === 1 ? 'is' : 'are'} not in the allowed set`,
        `Every value of ${q(spec.column)} is allowed.`,
      );
    case 'regex':
      return rowVerdict(
        figures,
        (n) => `${plural(n, 'value')} of ${q(spec.column)} do${n === 1 ? 'es' : ''} not match /${spec.pattern}/`,
        `Every value of ${q(spec.column)} matches /${spec.pattern}/.`,
      );
    case 'length': {
      const observed =
        aggregates.minLength === null || aggregates.minLength === undefined
          ? undefined
          : `${aggregates.minLength} … ${aggregates.maxLength}`;
      return rowVerdict(
        figures,
        (n) =>
          `${plural(n, 'value')} of ${q(spec.column)} ha${n === 1 ? 's a length' : 've lengths'} not ${describeBounds(spec.bounds)}`,
        `Every value of ${q(spec.column)} has a length ${describeBounds(spec.bounds)}.`,
        observed,
      );
    }
    case 'unique': {
      const present = Number(aggregates.present ?? 0);
      const distinct = Number(aggregates.distinct ?? 0);
      if (present === distinct)
        return {
          status: 'pass',
          observed: 0,
          message: `All ${plural(present, 'value')} of ${q(spec.column)} are distinct.`,
          offendingRows: 0,
          offendingPercent: 0,
        };
      // n rows hold the repeated values; present - distinct of them are the repeats beyond each first.
      const v = rowVerdict(
        figures,
        (n) => {
          const values = n - (present - distinct);
          return `${plural(values, 'value')} of ${q(spec.column)} occur${values === 1 ? 's' : ''} more than once, in ${plural(n, 'row')}`;
        },
        '',
      );
      return { ...v, status: 'fail', observed: present - distinct };
    }
    case 'statistic': {
      const value = aggregates.value;
      const what =
        spec.statistic === 'quantile'
          ? `Quantile ${formatNumber(spec.q ?? 0)}`
          : spec.statistic === 'stddev'
            ? 'Standard deviation'
            : spec.statistic === 'mean'
              ? 'Mean'
              : 'Median';
      if (typeof value !== 'number' || Number.isNaN(value)) {
        return {
          status: 'fail',
          observed: null,
          message: `${what} of ${q(spec.column)} cannot be computed: ${Number(aggregates.numbers ?? 0) === 0 ? 'it has no numeric values' : 'too few values'}.`,
        };
      }
      const ok = within(value, spec.bounds);
      return {
        status: ok ? 'pass' : 'fail',
        observed: value,
        message: `${what} of ${q(spec.column)} is ${formatNumber(value)}; expected ${describeBounds(spec.bounds)}.`,
      };
    }
    case 'compare':
      return rowVerdict(
        figures,
        (n) => `${plural(n, 'row')} break${n === 1 ? 's' : ''} ${q(spec.left)} ${spec.op} ${q(spec.right)}`,
        `${q(spec.left)} ${spec.op} ${q(spec.right)} in every row where both are present.`,
      );
    case 'conditionalNull': {
      const then = spec.then.map(q).join(', ');
      const state = (isNull: boolean) => (isNull ? 'missing' : 'present');
      return rowVerdict(
        figures,
        (n) =>
          `${plural(n, 'row')} ha${n === 1 ? 's' : 've'} ${q(spec.when)} ${state(spec.whenNull)} but not every one of ${then} ${state(spec.thenNull)}`,
        `Wherever ${q(spec.when)} is ${state(spec.whenNull)}, ${then} ${spec.then.length > 1 ? 'are' : 'is'} ${state(spec.thenNull)}.`,
      );
    }
  }
}

/** "Column "bodymass" is not in the data (did you mean "Body Mass (g)"?); columns: ..." */
export function missingColumnMessage(column: string, columns: string[]): string {
  const folded = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const near =
    columns.find((c) => folded(c) === folded(column)) ??
    columns.find((c) => folded(c).startsWith(folded(column)) && folded(column).length >= 3);
  const hint = near ? ` (did you mean "${near}"?)` : '';
  const list = columns.length > 12 ? `${columns.slice(0, 12).map(q).join(', ')} …` : columns.map(q).join(', ');
  return `Column ${q(column)} is not in the data${hint}; its columns are ${list}.`;
}
