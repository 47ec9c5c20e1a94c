// The model card as the generator would write it from the project's documents and one run:
// pure, sources in, card out. Which of these values reach an existing card is the merge's
// business (mergeCard.ts).
import { basename } from 'node:path';
import type { ErrorSlice } from '../model/evaluation/evaluationTypes';
import type { RunData, RunModelResult } from '../model/runTypes';
import type { CardSources } from './cardSources';
import { MODEL_CARD_VERSION, type CardFairnessAnalysis, type CardMetric, type ModelCard } from './modelCardTypes';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** A charter entry (a string, or a mapping such as {role, interest} or {kind, description}) as one sentence. */
function sentence(item: unknown, keys: [string, string]): string | undefined {
  if (typeof item === 'string' || typeof item === 'number') return text(String(item));
  if (!item || typeof item !== 'object') return undefined;
  const entry = item as Record<string, unknown>;
  const head = text(entry[keys[0]]) ?? text(entry.name) ?? text(entry.kind) ?? text(entry.type);
  const tail = text(entry[keys[1]]) ?? text(entry.description) ?? text(entry.why);
  if (head && tail) return `${head}: ${tail}`;
  return head ?? tail;
}

function sentences(value: unknown, keys: [string, string]): string[] {
  return Array.isArray(value) ? value.map((v) => sentence(v, keys)).filter((s): s is string => s !== undefined) : [];
}

/** Holdout and cross-validated figures of the primary metric and of every KPI metric. */
function cardMetrics(run: RunData, best: RunModelResult): CardMetric[] {
  const names = [run.primaryMetric, ...(run.kpis ?? []).map((k) => k.metric)].filter(
    (n, i, all) => all.indexOf(n) === i,
  );
  const out: CardMetric[] = [];
  for (const type of names) {
    const kpi = run.kpis?.find((k) => k.metric === type);
    const kpiFields = kpi ? { threshold: kpi.threshold, ...(kpi.name ? { kpi: kpi.name } : {}), met: kpi.pass } : {};
    const holdout = best.metrics.holdout?.[type];
    const cv = best.metrics.cv?.[type];
    if (holdout !== undefined && Number.isFinite(holdout))
      out.push({ type, value: holdout, on: 'holdout', ...kpiFields, source: run.runId });
    if (cv && Number.isFinite(cv.mean) && Number.isFinite(cv.std)) {
      // The KPI is judged on the holdout when there is one: the cv figure carries it only otherwise.
      const cvKpi = holdout === undefined ? kpiFields : {};
      out.push({
        type,
        value: cv.mean,
        on: 'cv',
        confidenceInterval: { lower: cv.mean - 2 * cv.std, upper: cv.mean + 2 * cv.std },
        ...cvKpi,
        source: run.runId,
      });
    }
  }
  return out;
}

const finiteOnly = (values: Record<string, number>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => Number.isFinite(v)));

function quantitativeAnalyses(run: RunData): CardFairnessAnalysis[] {
  const fairness = run.fairness;
  if (!fairness) return [];
  return fairness.columns.map((column) => ({
    column: column.column,
    on: fairness.on,
    groups: column.groups.map((g) => ({
      group: g.group,
      count: g.count,
      metrics: finiteOnly(g.metrics),
      ...(g.selectionRate !== undefined && Number.isFinite(g.selectionRate) ? { selectionRate: g.selectionRate } : {}),
    })),
    difference: finiteOnly(column.difference),
    ratio: finiteOnly(column.ratio),
    ...(column.demographicParityDifference !== undefined
      ? { demographicParityDifference: column.demographicParityDifference }
      : {}),
    ...(column.equalizedOddsDifference !== undefined
      ? { equalizedOddsDifference: column.equalizedOddsDifference }
      : {}),
  }));
}

/** A number for a sentence: four significant digits. */
export const figure = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4))));

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

function sliceCaveat(slice: ErrorSlice, measure: string): string {
  const rate =
    measure === 'error_rate'
      ? `error rate ${percent(slice.error)} vs ${percent(slice.overallError)} overall`
      : `mean absolute error ${figure(slice.error)} vs ${figure(slice.overallError)} overall`;
  return `Weaker where ${slice.description} (${slice.count} rows): ${rate}.`;
}

/** Dictionary fields flagged sensitive (x-sensitive / x-pii / sensitive: true). */
function dictionarySensitive(dictionary: Record<string, unknown> | undefined): string[] {
  const fields = Array.isArray(dictionary?.fields) ? (dictionary.fields as Array<Record<string, unknown>>) : [];
  return fields
    .filter(
      (f) =>
        f && typeof f.name === 'string' && (f['x-sensitive'] === true || f['x-pii'] === true || f.sensitive === true),
    )
    .map((f) => f.name as string);
}

function dictionaryDescription(dictionary: Record<string, unknown> | undefined): string | undefined {
  const source = dictionary?.source;
  if (typeof source === 'string') return text(source);
  if (!source || typeof source !== 'object') return undefined;
  const s = source as Record<string, unknown>;
  const parts = [
    text(s.description) ?? text(s.name),
    text(s.owner) ? `Owner: ${text(s.owner)}.` : undefined,
    text(dictionary?.updateFrequency) ? `Updated: ${text(dictionary?.updateFrequency)}.` : undefined,
  ];
  return parts.filter(Boolean).join(' ') || undefined;
}

function caveats(sources: CardSources, best: RunModelResult | undefined): string[] {
  const { run, charter } = sources;
  const out = sentences(charter?.constraints, ['kind', 'description']).map((c) => `Constraint: ${c}`);
  if (best?.vsBaseline) {
    const vs = best.vsBaseline;
    out.push(
      vs.beats
        ? `${best.name} beats the baseline model "${vs.baseline}" on ${vs.metric}: ${figure(vs.value)} vs ${figure(vs.baselineValue)}.`
        : `${best.name} does not beat the baseline model "${vs.baseline}" on ${vs.metric} (${figure(vs.value)} vs ${figure(vs.baselineValue)}): do not use it.`,
    );
  }
  for (const kpi of run.kpis ?? []) {
    if (!kpi.pass)
      out.push(
        `Misses the KPI ${kpi.name ? `"${kpi.name}" ` : ''}(${kpi.metric} ${kpi.value === undefined ? 'not measured' : figure(kpi.value)}, threshold ${kpi.threshold}).`,
      );
  }
  const analysis = run.errorAnalysis;
  if (analysis) out.push(...analysis.slices.slice(0, 5).map((s) => sliceCaveat(s, analysis.measure)));
  out.push(...(run.warnings ?? []).map((w) => `Training warning: ${w}`));
  return out;
}

function ethics(sources: CardSources, sensitive: string[]): ModelCard['ethicalConsiderations'] {
  const analysed = new Set((sources.run.fairness?.columns ?? []).map((c) => c.column));
  return sensitive.map((field) => ({
    name: `${field} is a sensitive attribute.`,
    mitigation: analysed.has(field)
      ? `Performance per ${field} group is compared in quantitativeAnalyses; check the gaps before each release.`
      : `Not analysed per group in run ${sources.run.runId}: add it to sensitiveColumns in mlcycle.yaml.`,
  }));
}

/** "random_forest (n_estimators 200, max_depth 6)": the kind and the parameters that are set. */
function architecture(best: RunModelResult): string {
  const params = Object.entries(best.params)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return params.length ? `${best.kind} (${params.join(', ')})` : best.kind;
}

/** The card drafted from the sources (no `generated` block: the caller writes it). */
/** What the contributions of an explanation add up to, in words. */
function outputWords(kind: string, names: string[]): string {
  if (kind === 'probability') return `the probability of each class (${names.join(', ')})`;
  if (kind === 'log-odds') return `the ${names[0] ?? 'log-odds'} of the positive class`;
  if (kind === 'softmax-score') return `each class's softmax score (${names.join(', ')})`;
  return 'the predicted value';
}

/** The explanation section, from the newest explanation of the card's run (none: left out). */
function explainability(sources: CardSources): ModelCard['explainability'] {
  const found = sources.explanation;
  if (!found) return undefined;
  const e = found.data;
  return {
    method: `${e.methodNote ?? e.method} (${e.model})`,
    data: e.data,
    rows: e.rows,
    output: outputWords(e.outputKind, e.outputNames),
    topFeatures: e.global.slice(0, 10).map((g) => ({
      name: g.column,
      meanAbsContribution: Number(g.meanAbs[0].toPrecision(4)),
      direction: g.direction,
    })),
    record: found.path,
  };
}

export function draftCard(sources: CardSources): ModelCard {
  const { project, charter, dictionary, run } = sources;
  const best = run.models.find((m) => m.name === run.bestModel);
  const sensitive = [
    ...project.sensitiveColumns,
    ...(run.spec.evaluation?.sensitiveColumns ?? []),
    ...dictionarySensitive(dictionary),
  ].filter((c, i, all) => all.indexOf(c) === i);
  const evaluated = new Set((run.fairness?.columns ?? []).map((c) => c.column));
  const importance = new Map((run.featureImportance?.features ?? []).map((f) => [f.feature, f.mean]));
  // The rationale links each column to the explanation the explainability section summarises.
  const explained = sources.explanation?.data.global ?? [];
  const contribution = new Map(
    explained.map((g, i) => [
      g.column,
      {
        meanAbs: Number(g.meanAbs.reduce((a, b) => a + b, 0).toPrecision(4)),
        direction: g.direction,
        rank: i + 1,
        see: 'explainability',
      },
    ]),
  );
  const holdoutPath =
    run.holdoutSource === 'file'
      ? project.datasets.holdout
      : run.holdoutSource === 'split'
        ? `split of ${project.datasets.train}`
        : undefined;
  const trainName =
    (typeof (dictionary?.source as Record<string, unknown> | undefined)?.name === 'string'
      ? String((dictionary!.source as Record<string, unknown>).name)
      : undefined) ?? basename(project.datasets.train);
  const evaluationDescription = {
    file: 'The untouched holdout file, never used for training or model selection.',
    split: 'A holdout split off the training data before training, never used for training or model selection.',
    none: 'No holdout: the figures are cross-validated over the training data.',
  }[run.holdoutSource];

  return withoutUndefined({
    version: MODEL_CARD_VERSION,
    modelDetails: {
      name: project.name,
      overview: text(charter?.problem) ?? project.description,
      date: sources.runCreatedAt.slice(0, 10),
      owners: [],
    },
    modelParameters: {
      architecture: best ? architecture(best) : run.bestModel,
      task: run.task,
      target: run.target,
      classes: run.classes,
      features: run.featureRationale.map((f) => ({
        name: f.feature,
        included: f.included,
        reason: f.reason,
        ...(importance.has(f.feature) ? { importance: importance.get(f.feature)! } : {}),
        ...(contribution.has(f.feature) ? { contribution: contribution.get(f.feature)! } : {}),
      })),
    },
    intendedUse: {
      primaryUses: sentences(charter?.objectives, ['name', 'description']),
      primaryUsers: sentences(charter?.stakeholders, ['role', 'interest']),
      outOfScope: [],
    },
    factors: sensitive.map((name) => ({ name, evaluated: evaluated.has(name) })),
    metrics: best ? cardMetrics(run, best) : [],
    evaluationData: {
      name: run.holdoutSource === 'file' && project.datasets.holdout ? basename(project.datasets.holdout) : undefined,
      path: holdoutPath,
      rows: run.rows.holdout,
      sensitiveColumns: sensitive,
      description: evaluationDescription,
    },
    trainingData: {
      name: trainName,
      path: project.datasets.train,
      rows: run.rows.train,
      sensitiveColumns: sensitive,
      description: dictionaryDescription(dictionary) ?? '',
    },
    quantitativeAnalyses: quantitativeAnalyses(run),
    explainability: explainability(sources),
    ethicalConsiderations: ethics(sources, sensitive),
    caveatsAndRecommendations: caveats(sources, best),
  });
}

/** Drops undefined entries (a YAML document has no such thing). */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    ) as T;
  }
  return value;
}
