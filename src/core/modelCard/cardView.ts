// A model card as a reader sees it: titled sections of paragraphs, lists, tables and labelled
// fields, in the order of the card. Shared by the Markdown and HTML exports, so both say the
// same. Takes the parsed card as it is (the user may have added keys or changed shapes):
// known sections get their tables, anything else is shown generically.
import { figure } from './draftCard';

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'fields'; entries: Array<[string, string]> }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'section'; title: string; blocks: Block[] };

export interface CardView {
  title: string;
  subtitle?: string;
  sections: Array<{ title: string; blocks: Block[] }>;
}

const TITLES: Record<string, string> = {
  modelDetails: 'Model details',
  modelParameters: 'Model parameters',
  intendedUse: 'Intended use',
  factors: 'Factors',
  metrics: 'Metrics',
  evaluationData: 'Evaluation data',
  trainingData: 'Training data',
  quantitativeAnalyses: 'Quantitative analyses',
  explainability: 'Explainability',
  topFeatures: 'Most influential columns',
  ethicalConsiderations: 'Ethical considerations',
  caveatsAndRecommendations: 'Caveats and recommendations',
  primaryUses: 'Primary uses',
  primaryUsers: 'Primary users',
  outOfScope: 'Out of scope',
  sensitiveColumns: 'Sensitive columns',
};

/** "confidenceInterval" → "Confidence interval". */
export function titleOf(key: string): string {
  if (TITLES[key]) return TITLES[key];
  const words = key
    .replace(/^x-/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** One value on one line. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return figure(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (isRecord(value)) {
    // A feature's contribution links to the explainability section.
    if (typeof value.meanAbs === 'number' && typeof value.see === 'string')
      return `${figure(value.meanAbs)} mean |SHAP|, ${cellText(value.direction)} (rank ${cellText(value.rank)}; see ${titleOf(value.see)})`;
    if (typeof value.lower === 'number' && typeof value.upper === 'number')
      return `${figure(value.lower)} – ${figure(value.upper)}`;
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${cellText(v)}`)
      .join('; ');
  }
  return String(value);
}

/** A list of mappings as a table whose columns are every key, in order of appearance. */
function tableOf(items: Array<Record<string, unknown>>, columns?: string[]): Block {
  const keys = columns ?? items.flatMap((i) => Object.keys(i)).filter((k, i, all) => all.indexOf(k) === i);
  return { kind: 'table', columns: keys.map(titleOf), rows: items.map((item) => keys.map((k) => cellText(item[k]))) };
}

function genericBlocks(value: unknown): Block[] {
  if (value === null || value === undefined || value === '') return [];
  if (isScalar(value)) return [{ kind: 'paragraph', text: cellText(value) }];
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    if (value.every(isScalar)) return [{ kind: 'list', items: value.map(cellText) }];
    if (value.every(isRecord)) return [tableOf(value)];
    return [{ kind: 'list', items: value.map(cellText) }];
  }
  const record = value as Record<string, unknown>;
  const shortList = (v: unknown) => Array.isArray(v) && v.every((i) => isScalar(i) && String(i ?? '').length <= 40);
  const simple = Object.entries(record).filter(
    ([, v]) => isScalar(v) || shortList(v) || (isRecord(v) && Object.values(v).every(isScalar)),
  );
  const blocks: Block[] = [];
  const shown = simple.filter(([, v]) => !(v === '' || v === null || (Array.isArray(v) && v.length === 0)));
  if (shown.length) blocks.push({ kind: 'fields', entries: shown.map(([k, v]) => [titleOf(k), cellText(v)]) });
  for (const [key, inner] of Object.entries(record)) {
    if (simple.some(([k]) => k === key)) continue;
    const innerBlocks = genericBlocks(inner);
    if (innerBlocks.length) blocks.push({ kind: 'section', title: titleOf(key), blocks: innerBlocks });
  }
  return blocks;
}

function metricsBlocks(value: unknown): Block[] {
  if (!Array.isArray(value) || !value.every(isRecord)) return genericBlocks(value);
  return [
    tableOf(
      value,
      ['type', 'on', 'value', 'confidenceInterval', 'slice', 'kpi', 'threshold', 'met', 'source'].filter((k) =>
        value.some((m) => m[k] !== undefined),
      ),
    ),
  ];
}

function analysesBlocks(value: unknown): Block[] {
  if (!Array.isArray(value) || !value.every(isRecord)) return genericBlocks(value);
  return value.map((analysis) => {
    const groups = Array.isArray(analysis.groups) ? analysis.groups.filter(isRecord) : [];
    const metricNames = groups
      .flatMap((g) => (isRecord(g.metrics) ? Object.keys(g.metrics) : []))
      .filter((k, i, all) => all.indexOf(k) === i);
    const blocks: Block[] = [];
    if (groups.length) {
      blocks.push({
        kind: 'table',
        columns: [
          'Group',
          'Count',
          ...metricNames,
          ...(groups.some((g) => g.selectionRate !== undefined) ? ['Selection rate'] : []),
        ],
        rows: groups.map((g) => [
          cellText(g.group),
          cellText(g.count),
          ...metricNames.map((m) => cellText(isRecord(g.metrics) ? g.metrics[m] : undefined)),
          ...(groups.some((x) => x.selectionRate !== undefined) ? [cellText(g.selectionRate)] : []),
        ]),
      });
    }
    const rest = Object.fromEntries(
      Object.entries(analysis).filter(([k]) => k !== 'groups' && k !== 'column' && k !== 'on'),
    );
    blocks.push(...genericBlocks(rest));
    return {
      kind: 'section',
      title: `${cellText(analysis.column ?? 'Analysis')}${analysis.on ? ` (${cellText(analysis.on)})` : ''}`,
      blocks,
    } as Block;
  });
}

const SPECIAL: Record<string, (value: unknown) => Block[]> = {
  metrics: metricsBlocks,
  quantitativeAnalyses: analysesBlocks,
};

/** The card as titled sections; `version` and `generated` become the subtitle. */
export function cardView(card: unknown): CardView {
  const record = isRecord(card) ? card : {};
  const details = isRecord(record.modelDetails) ? record.modelDetails : {};
  const generated = isRecord(record.generated) ? record.generated : {};
  const title = typeof details.name === 'string' && details.name.trim() ? `Model card: ${details.name}` : 'Model card';
  const subtitle =
    typeof generated.runId === 'string'
      ? `Generated from run ${generated.runId}${typeof generated.model === 'string' ? ` (model ${generated.model})` : ''}${typeof generated.generatedAt === 'string' ? ` on ${generated.generatedAt.slice(0, 10)}` : ''}.`
      : undefined;
  const sections = Object.entries(record)
    .filter(([key]) => key !== 'version' && key !== 'generated')
    .map(([key, value]) => ({ title: titleOf(key), blocks: (SPECIAL[key] ?? genericBlocks)(value) }))
    .filter((s) => s.blocks.length > 0);
  return { title, ...(subtitle ? { subtitle } : {}), sections };
}
