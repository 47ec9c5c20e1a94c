// The schema completion and hover use, per kind: the document's own, except pipeline.yaml, whose
// `tuning:` section (an open object in pipeline.schema.json, so training never depends on the
// tuning schema) is described by the tuning schema without the file-only keys `version` and
// `spec`. Diagnostics keep the document's own schema: the section's problems come from the
// tuning check, each once.
import { schemaFor } from '../documents/schemaRegistry';
import type { LifecycleDocumentKind } from './languageTypes';

interface Schema {
  [key: string]: unknown;
  properties?: Record<string, Schema>;
  definitions?: Record<string, Schema>;
  required?: string[];
}

let pipelineForEditor: object | undefined;

function withTuningSection(): object {
  const pipeline = schemaFor('pipeline') as Schema;
  const tuning = schemaFor('tuning') as Schema;
  const sectionProperties = { ...tuning.properties };
  delete sectionProperties.version;
  delete sectionProperties.spec;
  const section: Schema = {
    type: 'object',
    description: pipeline.properties?.tuning?.description,
    additionalProperties: false,
    properties: sectionProperties,
    required: ['space'],
  };
  return {
    ...pipeline,
    definitions: { ...pipeline.definitions, ...tuning.definitions },
    properties: { ...pipeline.properties, tuning: section },
  };
}

/** The schema completion and hover read for a kind (one object per kind, built once). */
export function editorSchemaFor(kind: LifecycleDocumentKind): object {
  if (kind !== 'pipeline') return schemaFor(kind);
  pipelineForEditor ??= withTuningSection();
  return pipelineForEditor;
}
