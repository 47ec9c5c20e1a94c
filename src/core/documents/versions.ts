// Version diagnostics of a lifecycle document for the editor and the CLI: a document from an
// earlier release gets a warning with the quick fix "Migrate to version N" (when the migration
// is complete); one from a newer release gets an error, and is not checked against our schema.
import type { DocumentDiagnostic, LifecycleDocumentKind, QuickFix } from '../language/languageTypes';
import { checkAgainstSchema } from '../yaml/schemaCheck';
import type { ParsedYaml, Problem } from '../yaml/yamlDocument';
import { documentVersion, isPlainMapping } from './documentVersion';
import { migrateText, migrateValue } from './migrateDocument';
import { schemaFor } from './schemaRegistry';

export const DOCUMENT_LABELS: Record<LifecycleDocumentKind, string> = {
  project: 'project file',
  charter: 'charter',
  dataDictionary: 'data dictionary',
  expectations: 'expectations file',
  pipeline: 'pipeline spec',
  modelCard: 'model card',
  decisions: 'decisions file',
  tuning: 'tuning study',
};

/** Where a version diagnostic goes: the version value, else the first key of the document. */
function versionRange(parsed: ParsedYaml) {
  const value = parsed.value as Record<string, unknown>;
  if ('version' in value) return parsed.rangeOf(['version']);
  const first = Object.keys(value)[0];
  return first === undefined ? parsed.rangeOf([]) : parsed.rangeOf([first], true);
}

/**
 * Diagnostics about the document's format version: none when it is current. `text` (the
 * document's text) is needed for the migration quick fix.
 */
export function checkDocumentVersion(
  kind: LifecycleDocumentKind,
  parsed: ParsedYaml,
  text?: string,
): DocumentDiagnostic[] {
  const info = documentVersion(kind, parsed.value);
  const label = DOCUMENT_LABELS[kind];
  if (info.status === 'newer') {
    return [
      {
        ...versionRange(parsed),
        severity: 'error',
        code: 'newer-version',
        message: `This ${label} is version ${info.version}, written by a newer ML Lifecycle; this one reads up to version ${info.current}. Update ML Lifecycle before editing it: its other checks are skipped.`,
      },
    ];
  }
  if (info.status !== 'older') return [];
  const textMigration = text === undefined ? undefined : migrateText(kind, text);
  const migration = textMigration ?? migrateValue(kind, parsed.value);
  const age = info.declared ? `version ${info.version}` : 'it has no "version"';
  const fixes: QuickFix[] = textMigration?.complete
    ? [{ title: `Migrate to version ${info.current}`, edits: textMigration.edits, preferred: true }]
    : [];
  const what = migration ? [...migration.notes, ...migration.lost.map((l) => `By hand: ${l}`)].join(' ') : '';
  return [
    {
      ...versionRange(parsed),
      severity: 'warning',
      code: 'old-version',
      message: `This ${label} is in an earlier ML Lifecycle format (${age}; the current version is ${info.current}).${what ? ` Migrating: ${what}` : ''}`,
      ...(fixes.length ? { fixes } : {}),
    },
  ];
}

/**
 * The schema problems to show next to checkDocumentVersion's: none for a document from a newer
 * release; for an older one, all but those about `version` itself (the version diagnostic
 * covers it); otherwise every problem against the kind's schema.
 */
export function schemaProblemsFor(kind: LifecycleDocumentKind, parsed: ParsedYaml): Problem[] {
  const info = documentVersion(kind, parsed.value);
  if (info.status === 'newer') return [];
  if (info.status === 'older' && isPlainMapping(parsed.value)) {
    return checkAgainstSchema({ ...parsed, value: { ...parsed.value, version: info.current } }, schemaFor(kind));
  }
  return checkAgainstSchema(parsed, schemaFor(kind));
}
