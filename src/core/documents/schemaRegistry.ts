// Which JSON Schema describes each lifecycle document, which file format version is current,
// and whether a document without `version` is an old one (version 0) or simply the current one.
import charter from '../../../schemas/charter.schema.json';
import dataDictionary from '../../../schemas/data-dictionary.schema.json';
import decisions from '../../../schemas/decisions.schema.json';
import expectations from '../../../schemas/expectations.schema.json';
import project from '../../../schemas/mlcycle.schema.json';
import modelCard from '../../../schemas/model-card.schema.json';
import pipeline from '../../../schemas/pipeline.schema.json';
import tuning from '../../../schemas/tuning.schema.json';
import type { LifecycleDocumentKind } from '../language/languageTypes';

export const LIFECYCLE_DOCUMENT_KINDS: readonly LifecycleDocumentKind[] = [
  'project',
  'charter',
  'dataDictionary',
  'expectations',
  'pipeline',
  'modelCard',
  'decisions',
  'tuning',
];

const SCHEMAS: Record<LifecycleDocumentKind, object> = {
  project,
  charter,
  dataDictionary,
  expectations,
  pipeline,
  modelCard,
  decisions,
  tuning,
};

/** The schema file of each kind, relative to the extension's (and the repository's) root. */
export const SCHEMA_FILES: Record<LifecycleDocumentKind, string> = {
  project: 'schemas/mlcycle.schema.json',
  charter: 'schemas/charter.schema.json',
  dataDictionary: 'schemas/data-dictionary.schema.json',
  expectations: 'schemas/expectations.schema.json',
  pipeline: 'schemas/pipeline.schema.json',
  modelCard: 'schemas/model-card.schema.json',
  decisions: 'schemas/decisions.schema.json',
  tuning: 'schemas/tuning.schema.json',
};

/** The file format version this release writes and reads, per kind. */
export const CURRENT_VERSION: Record<LifecycleDocumentKind, number> = {
  project: 1,
  charter: 1,
  dataDictionary: 1,
  expectations: 1,
  pipeline: 1,
  modelCard: 1,
  decisions: 1,
  tuning: 1,
};

/**
 * The version a document without a `version` key has. 0 where earlier releases wrote documents
 * without one in another shape (they are migrated); the current version where `version` has
 * always been optional (expectations, and decisions as src/core/decisions.ts writes them).
 */
export const VERSION_WHEN_ABSENT: Record<LifecycleDocumentKind, number> = {
  project: 0,
  charter: 0,
  dataDictionary: 0,
  expectations: 1,
  pipeline: 0,
  modelCard: 0,
  decisions: 1,
  tuning: 1,
};

/** The JSON Schema (draft-07) of a kind of document. The same object on every call (validators are cached by identity). */
export function schemaFor(kind: LifecycleDocumentKind): object {
  return SCHEMAS[kind];
}
