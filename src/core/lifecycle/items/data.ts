// Phase 2: data collection and preparation. Evidence: the datasets named in mlcycle.yaml, the
// inspection / profile / validation records written by jobs, the dictionary and the pipeline.
import {
  actions,
  documentField,
  field,
  fromDocument,
  fromRecord,
  failing,
  missing,
  newestRecord,
  passing,
  stale,
} from '../evidence';
import type { LifecycleItem } from '../model';
import type { ProjectState } from '../projectState';

/** Columns of the training data, as the last fresh inspection saw them. */
export function trainColumns(state: ProjectState): string[] | undefined {
  const fact = newestRecord(state, 'inspection', 'train');
  if (!fact || fact.inputs !== 'unchanged') return undefined;
  const columns = field(fact.record.data, 'columns');
  return Array.isArray(columns) ? columns.map(String) : undefined;
}

export const dataItems: LifecycleItem[] = [
  {
    id: 'data.sources',
    phase: 'data',
    title: 'Data sources gathered',
    practice:
      'Gather relevant data from internal databases, third-party providers, public datasets, real-time streams and unstructured sources, and register what the project uses.',
    evidence:
      'Every dataset named in mlcycle.yaml (train, and optionally holdout and current) exists inside the project folder.',
    action: () => actions.openProjectFile(),
    evaluate: (state) => {
      if (!state.projectFile.project) return missing('The project file is missing or invalid.');
      const absent = state.datasets.filter((d) => !d.exists);
      if (absent.length) return failing(`Missing: ${absent.map((d) => `${d.role} (${d.path})`).join(', ')}.`);
      return passing(state.datasets.map((d) => `${d.role}: ${d.path}`).join('; '));
    },
  },
  {
    id: 'data.versioned',
    phase: 'data',
    title: 'Datasets inspected and fingerprinted',
    practice:
      'Version the datasets: know exactly which data each result came from (a versioning system for models and datasets).',
    evidence:
      'An inspection record (.mlcycle/datasets/<role>.json: rows, columns, SHA-256) for every dataset, made from its current content.',
    action: () => actions.inspect(),
    evaluate: (state) => {
      if (!state.projectFile.project) return missing('The project file is missing or invalid.');
      const results = state.datasets.map((d) => ({
        d,
        e: fromRecord(state, 'inspection', `Not inspected: ${d.path}.`, { name: d.role }),
      }));
      const worst = (['failing', 'stale', 'missing'] as const).find((s) => results.some((r) => r.e.status === s));
      if (worst)
        return {
          status: worst,
          detail: results
            .filter((r) => r.e.status === worst)
            .map((r) => `${r.d.role}: ${r.e.detail}`)
            .join(' '),
        };
      return passing(
        results
          .map((r) => {
            const data = newestRecord(state, 'inspection', r.d.role)?.record.data;
            return `${r.d.role}: ${field(data, 'rows')} rows × ${(field(data, 'columns') as unknown[] | undefined)?.length ?? '?'} columns`;
          })
          .join('; '),
      );
    },
  },
  {
    id: 'data.dictionary',
    phase: 'data',
    title: 'Data dictionary written',
    practice:
      'Create a data dictionary that documents each data source, field definitions, update frequency, and known quality issues.',
    evidence: 'The dictionary document exists, parses, and defines every column of the inspected training data.',
    action: (state, e) =>
      (e.status === 'missing' && !state.documents.dataDictionary?.exists) || e.status === 'stale'
        ? actions.draftDictionary()
        : actions.openDocument('dataDictionary', 'Open dictionary'),
    evaluate: (state) =>
      fromDocument(state, 'dataDictionary', (value, file) => {
        const fields = field(value, 'fields');
        // Fields flagged as removed from the data document history, not a current column.
        const names = Array.isArray(fields)
          ? fields.filter((f) => field(f, 'status') !== 'removed').map((f) => String(field(f, 'name')))
          : fields && typeof fields === 'object'
            ? Object.keys(fields)
            : [];
        if (names.length === 0) return missing(`${file} defines no fields yet.`);
        const columns = trainColumns(state);
        if (!columns) return passing(`${names.length} fields defined (inspect the training data to check coverage).`);
        const undocumented = columns.filter((c) => !names.includes(c));
        return undocumented.length
          ? stale(
              `${undocumented.length} column${undocumented.length > 1 ? 's' : ''} not in ${file}: ${undocumented.slice(0, 5).join(', ')}${undocumented.length > 5 ? ' …' : ''}.`,
            )
          : passing(`All ${columns.length} columns defined.`);
      }),
  },
  {
    id: 'data.eda',
    phase: 'data',
    title: 'Exploratory data analysis',
    practice:
      'Explore the data before modelling: distributions of each variable, relationships between features, missing values and outliers, data quality issues, visualised patterns and anomalies.',
    evidence: 'A profile of the training data (.mlcycle/profiles/train.json) made from its current content.',
    action: () => actions.profile('train'),
    evaluate: (state) => fromRecord(state, 'profile', 'The training data has not been profiled.', { name: 'train' }),
  },
  {
    id: 'data.validation',
    phase: 'data',
    title: 'Data validated against expectations',
    practice:
      'Implement data validation at training time: verify automatically that the data meets expected quality standards.',
    evidence:
      'A validation record of the training data against the expectations document (.mlcycle/validations/train.json), passing.',
    action: (state) => (state.documents.expectations?.exists ? actions.validate('train') : actions.draftExpectations()),
    evaluate: (state) =>
      fromRecord(state, 'validation', 'The training data has not been validated.', { name: 'train' }),
  },
  {
    id: 'data.preprocessing',
    phase: 'data',
    title: 'Reproducible preprocessing pipeline',
    practice:
      'Prepare the data (missing values, outliers, encoding, scaling, feature engineering, dimensionality reduction if needed) in a reproducible pipeline applied identically in training, validation and production.',
    evidence: 'The pipeline spec (default pipeline.yaml) exists, parses and declares its preprocessing steps.',
    action: () => actions.openDocument('pipeline', 'Open pipeline'),
    evaluate: (state) => documentField(state, 'pipeline', 'preprocessing', 'Preprocessing'),
  },
];
