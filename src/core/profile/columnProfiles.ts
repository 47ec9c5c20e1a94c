// Assembles each column's profile from its summary and the statistics of its type, and copies
// the figures scripts read (mean, std, quantiles ... for numeric columns, top for categorical
// ones) to the top level of the column, as the stable contract promises.
import type { ColumnProfile, DatetimeStats, NumericStats } from './profileTypes';
import type { TextCore } from './categoricalStats';
import type { NumericCore } from './numericStats';
import type { InferredColumn } from './typeInference';
import type { ColumnSummary } from './valueCounts';

export interface ColumnStatistics {
  numeric: Map<number, NumericCore>;
  text: Map<number, TextCore>;
  datetime: Map<number, DatetimeStats>;
}

export type IndexedColumnProfile = ColumnProfile & { index: number };

/** The NumericStats fields of a NumericCore (without the counts the summary already holds). */
function numericOnly(core: NumericCore): NumericStats {
  const {
    mean,
    std,
    min,
    max,
    range,
    quantiles,
    iqr,
    mad,
    skewness,
    kurtosis,
    sum,
    zeros,
    infinite,
    monotonic,
    histogram,
  } = core;
  return {
    mean,
    std,
    min,
    max,
    range,
    quantiles,
    iqr,
    mad,
    skewness,
    kurtosis,
    sum,
    zeros,
    infinite,
    monotonic,
    histogram,
  };
}

const percent = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

export function columnProfiles(
  columns: InferredColumn[],
  summaries: Map<number, ColumnSummary>,
  rows: number,
  stats: ColumnStatistics,
): IndexedColumnProfile[] {
  return columns.map((column) => {
    const s = summaries.get(column.index) as ColumnSummary;
    const profile: IndexedColumnProfile = {
      index: column.index,
      name: column.name,
      type: column.type,
      evidence: column.evidence,
      count: s.count,
      missing: s.missing,
      missingPercent: percent(s.missing, rows),
      distinct: s.distinct,
      distinctPercent: percent(s.distinct, s.count),
      memoryBytes: s.memoryBytes,
    };
    const numeric = stats.numeric.get(column.index);
    if (numeric) {
      profile.numeric = numericOnly(numeric);
      if (column.type === 'numeric') {
        Object.assign(profile, {
          mean: numeric.mean,
          std: numeric.std,
          min: numeric.min,
          max: numeric.max,
          quantiles: numeric.quantiles,
          skewness: numeric.skewness,
          kurtosis: numeric.kurtosis,
          histogram: numeric.histogram,
        });
      }
    }
    const text = stats.text.get(column.index);
    if (text) {
      profile.text = { top: text.top, rareCategories: text.rareCategories, length: text.length };
      if (column.type === 'categorical' || column.type === 'boolean') profile.top = text.top;
    }
    const datetime = stats.datetime.get(column.index);
    if (datetime) profile.datetime = datetime;
    return profile;
  });
}
