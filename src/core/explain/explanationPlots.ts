// The plots' summary of an explanation (plotTypes.ts): an even spread of at most 10,000 rows of
// the 20 most influential columns, each column's strongest interaction partner (from
// interaction values when they were computed, else the binned-correlation heuristic shap's
// dependence plots colour by: order the rows by the column, cut them into runs, and add up how
// strongly each other column's values go with the contributions inside each run), and the
// waterfalls of the worst rows. Pure.
import type { FrameColumn } from '../model/frame';
import type { GlobalContribution } from './explainTypes';
import type { ExplanationPlots, PlotColumn, WaterfallRow } from './plotTypes';
import type { ShapValues } from './treeExplainer';

export const PLOT_LIMITS = { rows: 10_000, columns: 20, waterfalls: 5 } as const;

export interface PlotInput {
  shap: ShapValues;
  /** The contributions' columns, in `shap`'s feature order. */
  columns: string[];
  global: GlobalContribution[];
  /** Data rows explained (0-based), in `shap`'s row order. */
  rows: number[];
  /** Each column's values on the explained rows (undefined: none to show, e.g. a derived column). */
  valuesOf(column: string): FrameColumn | undefined;
  lineNumbers?: Int32Array;
  outputNames: string[];
  outputKind: string;
  /** Strongest interaction pairs, when interaction values were computed. */
  pairs?: Array<{ a: string; b: string; meanAbs: number }>;
  /** Per row and output, when every row has its own base (LIME's intercepts): rows × outputs. */
  rowBase?: Float64Array;
  /** The rows (positions in `rows`) of highest loss, worst first, with what the error analysis says of them. */
  worst?: Array<{ position: number; actual: string | number; predicted: string | number; loss: number }>;
}

/** Six significant digits: the plots need no more, and the file stays small. */
function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
}

export function evenSample(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (max - 1);
  return [...new Set(Array.from({ length: max }, (_, k) => Math.round(k * step)))];
}

interface Coded {
  kind: PlotColumn['kind'];
  /** Numbers, NaN for missing (categories as their index). */
  numbers: Float64Array;
  categories?: string[];
}

function coded(column: FrameColumn | undefined, positions: number[]): Coded {
  const numbers = new Float64Array(positions.length).fill(NaN);
  if (!column) return { kind: 'numeric', numbers };
  if (column.type === 'numeric') {
    positions.forEach((p, i) => (numbers[i] = column.values[p]));
    return { kind: 'numeric', numbers };
  }
  const index = new Map<string, number>();
  positions.forEach((p, i) => {
    const v = column.values[p];
    if (v === null) return;
    if (!index.has(v)) index.set(v, index.size);
    numbers[i] = index.get(v)!;
  });
  return { kind: 'categorical', numbers, categories: [...index.keys()] };
}

function absCorrelation(a: Float64Array, b: Float64Array, from: number, to: number): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = from; i < to; i++)
    if (Number.isFinite(b[i])) {
      n++;
      sa += a[i];
      sb += b[i];
    }
  if (n < 3) return 0;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = from; i < to; i++)
    if (Number.isFinite(b[i])) {
      cov += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) ** 2;
      vb += (b[i] - mb) ** 2;
    }
  return va > 1e-24 && vb > 1e-24 ? Math.abs(cov / Math.sqrt(va * vb)) : 0;
}

/**
 * The column whose values go most with `contribution` once the rows are ordered by `own`: runs
 * of up to 50 rows (a tenth of them when fewer than 500), summed |correlation|. -1 when none.
 */
export function approximateInteraction(own: Float64Array, contribution: Float64Array, others: Float64Array[]): number {
  const order = Array.from({ length: own.length }, (_, i) => i)
    .filter((i) => Number.isFinite(own[i]))
    .sort((a, b) => own[a] - own[b] || a - b);
  const n = order.length;
  const run = Math.max(1, Math.min(50, Math.floor(n / 10)));
  const c = Float64Array.from(order, (i) => contribution[i]);
  let best = -1;
  let bestScore = 0;
  others.forEach((other, j) => {
    if (other === own) return;
    const x = Float64Array.from(order, (i) => other[i]);
    let score = 0;
    for (let from = 0; from < n; from += run) score += absCorrelation(c, x, from, Math.min(n, from + run));
    if (score > bestScore + 1e-12) {
      best = j;
      bestScore = score;
    }
  });
  return best;
}

function cell(column: FrameColumn | undefined, position: number): string | number | null {
  if (!column) return null;
  if (column.type === 'numeric') return Number.isNaN(column.values[position]) ? null : column.values[position];
  return column.values[position];
}

/** One explained row as a waterfall draws it: every column's value and contribution. */
export function waterfallRow(
  input: PlotInput,
  position: number,
  judged?: { actual: string | number; predicted: string | number; loss: number },
): WaterfallRow {
  const { shap, columns } = input;
  const { features, outputs, values } = shap;
  return {
    row: input.rows[position],
    ...(input.lineNumbers ? { line: input.lineNumbers[position] } : {}),
    ...(judged ? { actual: judged.actual, predicted: judged.predicted, loss: round(judged.loss) } : {}),
    output: Array.from(shap.output.subarray(position * outputs, (position + 1) * outputs), round),
    ...(input.rowBase
      ? { base: Array.from(input.rowBase.subarray(position * outputs, (position + 1) * outputs), round) }
      : {}),
    columns: columns.map((name, c) => ({
      name,
      value: cell(input.valuesOf(name), position),
      contributions: Array.from(
        values.subarray((position * features + c) * outputs, (position * features + c + 1) * outputs),
        round,
      ),
    })),
  };
}

export function buildExplanationPlots(input: PlotInput): ExplanationPlots {
  const { shap, columns, global } = input;
  const { features, outputs, values } = shap;
  const sample = evenSample(shap.rows, PLOT_LIMITS.rows);
  const shown = global.slice(0, PLOT_LIMITS.columns);
  const indexOf = new Map(columns.map((c, i) => [c, i]));
  const contributionsOf = (c: number, k: number) =>
    Float64Array.from(sample, (i) => values[(i * features + c) * outputs + k]);
  const codes = shown.map((g) => coded(input.valuesOf(g.column), sample));
  const plotted: PlotColumn[] = shown.map((g, s) => {
    const c = indexOf.get(g.column)!;
    const contributions = Array.from({ length: outputs }, (_, k) => Array.from(contributionsOf(c, k), round));
    const { kind, numbers, categories } = codes[s];
    return {
      name: g.column,
      kind,
      values: Array.from(numbers, (v) => (Number.isFinite(v) ? v : null)),
      ...(categories ? { categories } : {}),
      contributions,
      meanAbs: g.meanAbs.map(round),
      direction: g.direction,
    };
  });
  plotted.forEach((column, s) => {
    const pair = input.pairs?.find((p) => p.a === column.name || p.b === column.name);
    if (pair) {
      column.interaction = { column: pair.a === column.name ? pair.b : pair.a, how: 'interaction values' };
      return;
    }
    const j = approximateInteraction(
      codes[s].numbers,
      contributionsOf(indexOf.get(column.name)!, 0),
      codes.map((code) => code.numbers),
    );
    if (j >= 0) column.interaction = { column: plotted[j].name, how: 'approximate' };
  });

  const waterfallOf = (position: number) => waterfallRow(input, position);
  const waterfalls: WaterfallRow[] = input.worst
    ? input.worst.slice(0, PLOT_LIMITS.waterfalls).map((w) => waterfallRow(input, w.position, w))
    : evenSample(Math.min(shap.rows, PLOT_LIMITS.waterfalls), PLOT_LIMITS.waterfalls).map(waterfallOf);
  return {
    schemaVersion: 1,
    explainedRows: shap.rows,
    sampledRows: sample.length,
    sample: sample.map((i) => input.rows[i]),
    outputNames: input.outputNames,
    outputKind: input.outputKind,
    base: Array.from(shap.base, round),
    columns: plotted,
    otherColumns: Math.max(0, global.length - shown.length),
    waterfalls,
    waterfallsAre: input.worst ? 'worst rows' : 'rows',
  };
}
