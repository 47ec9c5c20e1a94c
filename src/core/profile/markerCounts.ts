// Which texts were read as missing, column by column: the loader turns every marker (None, NA,
// an empty cell ...) into NULL, so the profile reads the CSV/TSV file once more with every cell as
// its text and counts, for the columns that have missing values, how many cells held each marker.
// Then the report can say "8,939 × 'None'", and an alert can say when a word read as missing is
// most of a column (it is probably a real value: "None" = no damage).
import type { OpenedDataset } from '../duckdb/openDataset';
import { isTextMarker, showMarker } from '../data/missingMarkers';
import { quoteIdent, quoteLiteral } from '../duckdb/sql';
import type { ProfileQuery } from './profileQuery';
import type { Alert, MarkerCount } from './profileTypes';

/** Columns counted per scan of the file (one aggregate each). */
const COLUMNS_PER_SCAN = 100;

/** Share of a column's rows above which a word read as missing is suspected to be a value. */
export const MARKER_ALERT_SHARE = 0.5;

/**
 * For each of `columns` (names in the loaded table), the markers its missing cells held, most
 * frequent first; columns without a missing cell are left out. Empty for JSON and Parquet.
 */
export async function countMissingMarkers(
  query: ProfileQuery,
  data: Pick<OpenedDataset, 'textSource' | 'missingMarkers'>,
  columns: string[],
): Promise<Map<string, MarkerCount[]>> {
  const out = new Map<string, MarkerCount[]>();
  if (!data.textSource || columns.length === 0) return out;
  const markers = data.missingMarkers ?? [];
  const inList = markers.length > 0 ? markers.map(quoteLiteral).join(', ') : undefined;
  for (let start = 0; start < columns.length; start += COLUMNS_PER_SCAN) {
    const batch = columns.slice(start, start + COLUMNS_PER_SCAN);
    const selects = batch.flatMap((name, i) => {
      const c = quoteIdent(name);
      return [
        `count(*) FILTER (WHERE ${c} IS NULL OR ${c} = '') AS e${i}`,
        ...(inList ? [`map_entries(histogram(${c}) FILTER (WHERE ${c} IN (${inList}))) AS m${i}`] : []),
      ];
    });
    const [row] = await query(`SELECT ${selects.join(', ')} FROM ${data.textSource}`);
    batch.forEach((name, i) => {
      const counts: MarkerCount[] = [];
      const empty = Number(row[`e${i}`] ?? 0);
      if (empty > 0) counts.push({ marker: '', count: empty });
      const entries = (row[`m${i}`] ?? []) as Array<{ key: string; value: number }>;
      for (const entry of entries) counts.push({ marker: String(entry.key), count: Number(entry.value) });
      if (counts.length === 0) return;
      counts.sort((a, b) => b.count - a.count || (a.marker < b.marker ? -1 : 1));
      out.set(name, counts);
    });
  }
  return out;
}

/** "8,939 × 'None', 12 × empty cell". */
export function describeMarkerCounts(counts: MarkerCount[]): string {
  return counts.map((c) => `${c.count.toLocaleString('en-US')} × ${showMarker(c.marker)}`).join(', ');
}

/** An alert per column where one word read as missing (None, NA, null ...) is most of its rows. */
export function missingMarkerAlerts(byColumn: Map<string, MarkerCount[]>, rows: number): Alert[] {
  const alerts: Alert[] = [];
  if (rows === 0) return alerts;
  for (const [column, counts] of byColumn) {
    const top = counts.find((c) => isTextMarker(c.marker));
    if (!top || top.count / rows <= MARKER_ALERT_SHARE) continue;
    const percent = (100 * top.count) / rows;
    alerts.push({
      type: 'missing_marker',
      column,
      value: Number(percent.toFixed(2)),
      threshold: 100 * MARKER_ALERT_SHARE,
      message: `${showMarker(top.marker)} may be a real value here: "${column}" holds it in ${top.count.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows (${Number(percent.toFixed(1))}%), all read as missing. If it is a value, set missingValues in mlcycle.yaml (defaults: false, or markers without it) or pass --missing-values.`,
    });
  }
  return alerts;
}
