// Small, reusable ways of turning the project's files into an item's status, so each item in
// the catalog reads as one line of intent.
import { COMMANDS } from '../../protocol/commands';
import type { DocumentKind } from '../project/projectFile';
import type { RecordKind } from '../records';
import type { Evaluation, ItemAction } from './model';
import type { ProjectState, RecordFact } from './projectState';

export const missing = (detail: string): Evaluation => ({ status: 'missing', detail });
export const passing = (detail: string): Evaluation => ({ status: 'passing', detail });
export const failing = (detail: string): Evaluation => ({ status: 'failing', detail });
export const stale = (detail: string): Evaluation => ({ status: 'stale', detail });

/** A field of a YAML document, by dotted path; undefined when any step is absent. */
export function field(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * Status of a lifecycle document: missing when absent, failing when it does not parse, else
 * what `check` says of its content.
 */
export function fromDocument(
  state: ProjectState,
  kind: DocumentKind,
  check: (value: unknown, path: string) => Evaluation = (_v, path) => passing(`${path} is written.`),
): Evaluation {
  const doc = state.documents[kind];
  if (!state.projectFile.project) return missing('The project file is missing or invalid.');
  if (!doc || !doc.exists) return missing(`No ${state.projectFile.project.documents[kind]} yet.`);
  const error = doc.problems.find((p) => p.severity === 'error');
  if (error) return failing(`${doc.path}:${error.start.line}:${error.start.column} ${error.message}`);
  return check(doc.value, doc.path);
}

/** A field of a document that must be filled in for the practice to count as done. */
export function documentField(state: ProjectState, kind: DocumentKind, path: string, what: string): Evaluation {
  return fromDocument(state, kind, (value, file) =>
    isFilled(field(value, path)) ? passing(`${what} stated in ${file}.`) : missing(`${file} has no "${path}" yet.`),
  );
}

/** The newest record of a kind (optionally of one name). */
export function newestRecord(state: ProjectState, kind: RecordKind, name?: string): RecordFact | undefined {
  const facts = state.records[kind] ?? [];
  return name === undefined ? facts[0] : facts.find((f) => f.record.name === name);
}

/**
 * Status from a machine-written record: missing without one, stale when its inputs changed,
 * failing when it is a check that failed, else what `check` says of its data.
 */
export function fromRecord(
  state: ProjectState,
  kind: RecordKind,
  absent: string,
  options: { name?: string; check?: (fact: RecordFact) => Evaluation } = {},
): Evaluation {
  const fact = newestRecord(state, kind, options.name);
  if (!fact) return missing(absent);
  const when = fact.record.createdAt.slice(0, 16).replace('T', ' ');
  if (fact.inputs !== 'unchanged') {
    const inputs = fact.record.inputs.map((i) => i.path).join(', ');
    return stale(
      `Computed ${when} from ${inputs}, which ${fact.inputs === 'missing' ? 'no longer exists' : 'changed since'}.`,
    );
  }
  if (options.check) return options.check(fact);
  const summary = fact.record.summary ?? `Recorded ${when}.`;
  if (fact.record.outcome === 'fail') return failing(summary);
  return passing(summary);
}

/** A value of the project file's monitoring section that must be set. */
export function monitoringSetting(state: ProjectState, key: string, what: string): Evaluation {
  const monitoring = state.projectFile.project?.monitoring as Record<string, unknown> | undefined;
  return isFilled(monitoring?.[key])
    ? passing(`${what}: ${JSON.stringify(monitoring?.[key])} (mlcycle.yaml monitoring.${key}).`)
    : missing(`Set monitoring.${key} in mlcycle.yaml.`);
}

export const actions = {
  openDocument: (kind: DocumentKind, label = 'Open document'): ItemAction => ({
    label,
    command: COMMANDS.openDocument,
    args: [kind],
  }),
  openProjectFile: (): ItemAction => ({ label: 'Open mlcycle.yaml', command: COMMANDS.openProjectFile }),
  help: (id: string): ItemAction => ({ label: 'How to do this', command: COMMANDS.showItemHelp, args: [id] }),
  confirm: (id: string): ItemAction => ({ label: 'Record decision', command: COMMANDS.confirmItem, args: [id] }),
  inspect: (): ItemAction => ({ label: 'Inspect datasets', command: COMMANDS.inspectDatasets }),
  profile: (role: string): ItemAction => ({
    label: `Profile ${role} data`,
    command: COMMANDS.profileDataset,
    args: [role],
  }),
  validate: (role: string): ItemAction => ({
    label: `Validate ${role} data`,
    command: COMMANDS.validateData,
    args: [role],
  }),
  draftExpectations: (): ItemAction => ({ label: 'Draft expectations', command: COMMANDS.draftExpectations }),
  draftDictionary: (): ItemAction => ({ label: 'Draft data dictionary', command: COMMANDS.draftDataDictionary }),
  generateModelCard: (label = 'Generate model card'): ItemAction => ({ label, command: COMMANDS.generateModelCard }),
};
