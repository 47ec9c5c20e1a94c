// Missing-value markers: the cell texts a data job reads as "no value". An empty cell is always
// missing; the rest is a choice, made with pandas' semantics so both tools count the same:
// `markers` are pandas' `na_values`, `defaults` its `keep_default_na` (true: the markers are
// added to pandas 2's defaults; false: the markers alone). mlcycle.yaml sets it for the project
// and per dataset (src/core/project/missingValues.ts resolves which applies); the CLI's
// `--missing-values` replaces it. Markers apply to CSV/TSV cells: JSON and Parquet values are typed.

/** The texts pandas 2 reads as missing by default (its `na_values` without the empty string). */
export const PANDAS_DEFAULT_MARKERS: readonly string[] = [
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
];

/** How mlcycle.yaml says it (`missingValues:` at the top or on a dataset). */
export interface MissingValuesSetting {
  /** Texts read as missing (pandas' na_values). */
  markers?: readonly string[];
  /** Whether pandas' defaults are read as missing too (keep_default_na; default true). */
  defaults?: boolean;
}

/** The markers a setting means: sorted, unique, without the empty cell (always missing). */
export function markersOf(setting: MissingValuesSetting | undefined): string[] {
  const own = (setting?.markers ?? []).filter((m) => typeof m === 'string' && m !== '');
  const all = setting?.defaults === false ? own : [...PANDAS_DEFAULT_MARKERS, ...own];
  return [...new Set(all)].sort();
}

/** True when `markers` are exactly pandas' defaults. */
export function isDefaultMarkers(markers: readonly string[]): boolean {
  const defaults = markersOf(undefined);
  const given = [...new Set(markers.filter((m) => m !== ''))].sort();
  return given.length === defaults.length && given.every((m, i) => m === defaults[i]);
}

/** `--missing-values NA,None` → ['NA', 'None']; '' → [] (only empty cells are missing). */
export function parseMarkerList(text: string): string[] {
  return markersOf({ markers: text.split(','), defaults: false });
}

/** A marker as messages show it: 'None', or "empty cell" for ''. */
export function showMarker(marker: string): string {
  return marker === '' ? 'empty cell' : `'${marker}'`;
}

/**
 * Whether a marker is a word that may well be a real value (None, NA, null, nan ...), as opposed
 * to the spreadsheet error codes (#N/A, -1.#IND) nobody means as data.
 */
export function isTextMarker(marker: string): boolean {
  return /^[A-Za-z][A-Za-z/ ]*$/.test(marker) || /^<[A-Za-z]+>$/.test(marker);
}
