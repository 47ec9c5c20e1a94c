// Statistics of date/time columns from their value counts (v TIMESTAMP, c): the range and a
// histogram of 30 equal time bins (fewer when there are fewer distinct values), edges as ISO
// strings. One statement for the ranges of a batch of such columns, one for their histograms.
import type { DatetimeStats } from './profileTypes';
import type { ProfileQuery } from './profileQuery';
import { binCount } from './numericStats';
import { sqlDouble } from './sqlValues';
import { unionInBatches } from './columnBatches';

export interface DatetimeInput {
  index: number;
  /** Typed value counts: v TIMESTAMP, c BIGINT. */
  counts: string;
}

function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

const EPOCH_MS = 'epoch_ms(v)::DOUBLE';

/** SQL for the 0-based bin of `value` (the same rule as numeric histograms: the last bin is closed). */
function binIndexSql(value: string, min: number, max: number, bins: number): string {
  if (max === min) return '0';
  return `least(floor((${value} - ${sqlDouble(min)}) * ${bins} / (${sqlDouble(max)} - ${sqlDouble(min)})), ${bins - 1})::INTEGER`;
}

export async function datetimeStats(query: ProfileQuery, inputs: DatetimeInput[]): Promise<Map<number, DatetimeStats>> {
  const result = new Map<number, DatetimeStats>();
  if (inputs.length === 0) return result;
  const ranges = await unionInBatches(
    query,
    inputs,
    ({ index, counts }) =>
      `SELECT ${index} AS col, min(${EPOCH_MS}) AS mn, max(${EPOCH_MS}) AS mx, count(*) AS k FROM ${counts} WHERE v IS NOT NULL AND isfinite(v)`,
  );
  const known = ranges.filter((row) => Number(row.k) > 0);
  if (known.length === 0) return result;
  const byIndex = new Map(inputs.map((input) => [input.index, input]));
  const histogramRows = await unionInBatches(query, known, (row) => {
    const input = byIndex.get(Number(row.col)) as DatetimeInput;
    const bins = binCount(Number(row.k));
    const bin = binIndexSql(EPOCH_MS, Number(row.mn), Number(row.mx), bins);
    return `SELECT ${input.index} AS col, ${bin} AS bin, sum(c) AS n FROM ${input.counts} WHERE v IS NOT NULL AND isfinite(v) GROUP BY 1, 2`;
  });
  const binsByColumn = new Map<number, typeof histogramRows>();
  for (const h of histogramRows) binsByColumn.set(Number(h.col), [...(binsByColumn.get(Number(h.col)) ?? []), h]);
  for (const row of known) {
    const index = Number(row.col);
    const min = Number(row.mn);
    const max = Number(row.mx);
    const bins = binCount(Number(row.k));
    const step = (max - min) / bins;
    const counts = new Array<number>(bins).fill(0);
    for (const h of binsByColumn.get(index) ?? []) counts[Number(h.bin)] = Number(h.n);
    result.set(index, {
      min: iso(min),
      max: iso(max),
      histogram: counts.map((count, i) => ({
        start: iso(min + i * step),
        end: iso(i === bins - 1 ? max : min + (i + 1) * step),
        count,
      })),
    });
  }
  return result;
}
