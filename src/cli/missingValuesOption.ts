// `--missing-values <comma list>`, shared by every command that reads data: the cell texts read
// as missing, replacing mlcycle.yaml's missingValues and pandas' defaults for this run;
// `--missing-values ''` reads only empty cells as missing (None, NA ... are then values).
import { parseMarkerList } from '../core/data/missingMarkers';
import type { CliOption } from './command';

export const MISSING_VALUES_OPTION: CliOption = {
  type: 'string',
  description:
    "cell texts read as missing, comma-separated, e.g. NA,null (replaces mlcycle.yaml's missingValues and pandas' defaults); '' = only empty cells",
};

/** The markers the flag gives, or undefined when it was not given. */
export function missingValuesOption(values: Record<string, unknown>): string[] | undefined {
  const given = values['missing-values'];
  return typeof given === 'string' ? parseMarkerList(given) : undefined;
}
