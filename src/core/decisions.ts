// Decision records: the lifecycle practices no file can prove (a deployment architecture
// chosen, an approval process agreed) are confirmed by a person, and the confirmation is a
// line in a YAML file under version control: who, when, and why.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomicWrite';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { parseYaml, type Problem } from './yaml/yamlDocument';

export type DecisionKind = 'confirmed' | 'not-applicable';

export interface Decision {
  /** The lifecycle item this decision is about, e.g. "deployment.architecture". */
  item: string;
  decision: DecisionKind;
  by: string;
  /** ISO 8601 date-time. */
  at: string;
  note: string;
}

const HEADER = `# Decision records for this ML project, written by ML Lifecycle and kept in git.
# Each entry confirms a lifecycle practice that no file can prove, or marks it not applicable:
# who decided, when, and why. Edit notes freely; newer entries win over older ones.
`;

export interface DecisionsFile {
  decisions: Decision[];
  problems: Problem[];
}

function isDecision(value: unknown): value is Decision {
  const d = value as Decision;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.item === 'string' &&
    (d.decision === 'confirmed' || d.decision === 'not-applicable') &&
    typeof d.by === 'string' &&
    typeof d.at === 'string' &&
    !Number.isNaN(Date.parse(d.at))
  );
}

export function parseDecisions(text: string): DecisionsFile {
  const parsed = parseYaml(text);
  const problems = [...parsed.problems];
  const list = (parsed.value as { decisions?: unknown } | null)?.decisions ?? [];
  if (!Array.isArray(list)) {
    problems.push({
      message: '"decisions" must be a list.',
      ...parsed.rangeOf(['decisions']),
      severity: 'error',
      path: ['decisions'],
    });
    return { decisions: [], problems };
  }
  const decisions: Decision[] = [];
  list.forEach((entry, index) => {
    if (isDecision(entry)) decisions.push({ ...entry, note: String(entry.note ?? '') });
    else
      problems.push({
        message: 'A decision needs item, decision (confirmed or not-applicable), by, and an ISO date "at".',
        ...parsed.rangeOf(['decisions', index]),
        severity: 'error',
        path: ['decisions', index],
      });
  });
  return { decisions, problems };
}

export async function readDecisions(path: string): Promise<DecisionsFile | undefined> {
  try {
    return parseDecisions(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The decision in force for each item: the newest one. */
export function latestDecisions(decisions: Decision[]): Map<string, Decision> {
  const latest = new Map<string, Decision>();
  for (const d of decisions) {
    const seen = latest.get(d.item);
    if (!seen || Date.parse(d.at) >= Date.parse(seen.at)) latest.set(d.item, d);
  }
  return latest;
}

/**
 * Appends a decision, keeping the user's comments and formatting. Refuses to touch a file
 * that does not parse, rather than risk losing what the user wrote.
 */
export async function appendDecision(path: string, decision: Decision): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = HEADER + 'decisions: []\n';
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new Error(
      `${path} has YAML errors (${doc.errors[0].message.split('\n')[0]}); fix them before recording a decision.`,
    );
  }
  if (!isMap(doc.contents)) doc.contents = doc.createNode({ decisions: [] }) as unknown as typeof doc.contents;
  let list = doc.get('decisions');
  if (!isSeq(list)) {
    list = new YAMLSeq();
    doc.set('decisions', list);
  }
  (list as YAMLSeq).flow = false;
  (list as YAMLSeq).add(doc.createNode({ ...decision }));
  await writeFileAtomic(path, doc.toString(), { createFolder: true });
}
