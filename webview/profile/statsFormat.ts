// How the profile report writes its figures: statistics with a few significant digits (the
// record keeps full precision), percentages, correlations. Pure, so it is unit-tested in Node.

const grouped = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const significant = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 5 });

/** 43.921842 → "43.922", 4207.0526 → "4,207.1", 123456.7 → "123,457", 1.2e-7 → "1.200e-7". */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e15)) return value.toExponential(3);
  if (Number.isInteger(value) || magnitude >= 1e5) return grouped.format(value);
  return significant.format(value);
}

/** A share given in percent (0..100): "12.3%", "<0.1%" for a tiny but non-zero share. */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return '—';
  if (percent === 0) return '0%';
  if (percent > 0 && percent < 0.1) return '<0.1%';
  if (percent > 99.9 && percent < 100) return '>99.9%';
  const rounded = Math.round(percent * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

/** `part` of `whole` in percent, 0 when there is no whole. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/** Correlations and associations: three decimals, a true minus sign. */
export function formatCorrelation(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(3).replace(/^-/, '−');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

/** An ISO date or timestamp as a reader writes it: "2012-01-01", or "2012-01-01 13:45:00". */
export function formatDateValue(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!match) return iso;
  const [, day, time, zone] = match;
  if (!time || /^00:00(:00)?$/.test(time)) return day;
  return `${day} ${time}${zone && zone !== 'Z' ? ` ${zone}` : ''}`;
}
