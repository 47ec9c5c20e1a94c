// The lifecycle documents' schemas, versions and migrations, for the language server and the CLI.
export {
  CURRENT_VERSION,
  LIFECYCLE_DOCUMENT_KINDS,
  SCHEMA_FILES,
  VERSION_WHEN_ABSENT,
  schemaFor,
} from './schemaRegistry';
export { documentVersion, type DocumentVersion, type VersionStatus } from './documentVersion';
export { migrateText, migrateValue, type MigrationResult, type TextMigration } from './migrateDocument';
export { checkDocumentVersion, DOCUMENT_LABELS, schemaProblemsFor } from './versions';
