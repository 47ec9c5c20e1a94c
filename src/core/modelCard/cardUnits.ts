// Who owns which value of the card, following schemas/model-card.schema.json:
// - MACHINE units are refreshed from each run, unless the user edited them since the last
//   generation (told apart by the hash the baseline keeps of each value written).
// - SEED units are drafted prose (from the charter, the dictionary): written only where the
//   card has nothing yet, then the user's.
// - caveatsAndRecommendations mixes both: the generator's sentences are replaced run by run,
//   the user's stay.
// A unit is a top-level section (metrics) or one key of a mapping section (modelDetails.date).
import { createHash } from 'node:crypto';

export type UnitOwner = 'machine' | 'seed';

const MACHINE = new Set([
  'modelDetails.date',
  'modelParameters.architecture',
  'modelParameters.task',
  'modelParameters.target',
  'modelParameters.classes',
  'modelParameters.features',
  'metrics',
  'quantitativeAnalyses',
  'explainability.method',
  'explainability.data',
  'explainability.rows',
  'explainability.output',
  'explainability.topFeatures',
  'explainability.record',
  'evaluationData.path',
  'evaluationData.rows',
  'evaluationData.sensitiveColumns',
  'trainingData.path',
  'trainingData.rows',
  'trainingData.sensitiveColumns',
]);

export function ownerOf(unit: string): UnitOwner {
  return MACHINE.has(unit) ? 'machine' : 'seed';
}

/** JSON with sorted keys: the same value always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A short hash of a machine value, as the baseline keeps it. The user's `notes` on a fairness
 * analysis are theirs and do not count as an edit of the analysis.
 */
export function valueHash(unit: string, value: unknown): string {
  const comparable =
    unit === 'quantitativeAnalyses' && Array.isArray(value)
      ? value.map((entry) =>
          entry && typeof entry === 'object' ? { ...(entry as Record<string, unknown>), notes: undefined } : entry,
        )
      : value;
  return createHash('sha256').update(canonical(comparable)).digest('hex').slice(0, 16);
}

export const sameData = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** null, "", [] or {}: nothing written yet. */
export function isEmptyData(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** The units of a drafted card section: its keys when it is a mapping, else the section itself. */
export function sectionUnits(section: string, value: unknown): Array<[string, string | undefined, unknown]> {
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).map(([key, inner]) => [`${section}.${key}`, key, inner]);
  return [[section, undefined, value]];
}
