// The checks no schema can express, for every lifecycle document: the document's text compared
// with the rest of the workspace (WorkspaceFacts: mlcycle.yaml, dataset headers, run records,
// the other documents). Each diagnostic covers the offending value, with a quick fix where the
// fix is obvious. A check with nothing to compare with says nothing; nothing here throws.
import { parseYaml } from '../../yaml/yamlDocument';
import type { DocumentDiagnostic, LifecycleDocumentKind, WorkspaceFacts } from '../languageTypes';
import { checkCharter } from './charterChecks';
import { CheckContext } from './checkContext';
import { checkDictionary } from './dictionaryChecks';
import { checkExpectations } from './expectationsChecks';
import { checkModelCard } from './modelCardChecks';
import { checkPipeline } from './pipelineChecks';
import { checkProject } from './projectChecks';
import { checkTuningFile } from './tuningChecks';

const CHECKS: Partial<Record<LifecycleDocumentKind, (ctx: CheckContext) => void>> = {
  project: checkProject,
  charter: checkCharter,
  pipeline: checkPipeline,
  dataDictionary: checkDictionary,
  expectations: checkExpectations,
  modelCard: checkModelCard,
  tuning: checkTuningFile,
};

/** Diagnostics of `text` (a document of `kind`) against the workspace, in document order. */
export function crossFileDiagnostics(
  kind: LifecycleDocumentKind,
  text: string,
  facts: WorkspaceFacts,
): DocumentDiagnostic[] {
  const check = CHECKS[kind];
  if (!check) return [];
  try {
    const parsed = parseYaml(text);
    const value = parsed.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
    const ctx = new CheckContext(text, parsed, facts);
    check(ctx);
    return ctx.diagnostics.sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column);
  } catch {
    // A document too broken to compare is reported by the syntax and schema diagnostics.
    return [];
  }
}

export { gatherWorkspaceFacts, columnsForPath } from '../workspaceFacts';
