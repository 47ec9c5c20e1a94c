// One fitted plan per feature column: what was learned from the training rows (fill value,
// clipping bounds, scaling, categories, target means) as plain JSON, and the code that applies
// it. The same apply code runs at fit time and at prediction time, so both give identical
// matrices. Numeric: impute → missing indicator → clip → scale. Categorical: impute → encode
// (one-hot with scikit-learn's infrequent grouping, ordinal, or m-estimate target encoding).
import type { Frame } from '../frame';
import type { Target } from '../matrix';
import type { PreprocessSpec, ScaleStrategy, ImputeStrategy, EncodeStrategy } from '../specTypes';
import {
  compareCategories,
  countCategories,
  meanOf,
  minMaxOf,
  mostFrequentCategory,
  mostFrequentNumber,
  presentValues,
  quantileOf,
  stdOf,
} from './columnStats';
import { dataError, whereRow } from './columnValues';

export interface NumericPlan {
  kind: 'numeric';
  column: string;
  /** Value replacing a missing one; null keeps it missing (NaN). */
  fill: number | null;
  /** Adds a 0/1 "<column>_missing" feature. */
  indicator: boolean;
  clip: [number, number] | null;
  /** Output = (value - center) / scale. */
  center: number;
  scale: number;
  /** Constant in the training rows (after imputation). */
  constant: boolean;
}

interface CategoricalBase {
  column: string;
  /** Category replacing a missing value; null keeps missing as a category of its own (one-hot, target) or NaN (ordinal). */
  fill: string | null;
  /** Categories learned, in output order (sorted, missing last). */
  categories: Array<string | null>;
  unknown: 'ignore' | 'error';
}

export interface OneHotPlan extends CategoricalBase {
  kind: 'onehot';
  /** Categories grouped into the one "infrequent" feature (after the frequent ones); empty = no such feature. */
  infrequent: Array<string | null>;
}

export interface OrdinalPlan extends CategoricalBase {
  kind: 'ordinal';
}

export interface TargetPlan extends CategoricalBase {
  kind: 'target';
  /** One output per label: encodings[o][c] for category c; prior[o] for unseen categories. */
  labels: string[];
  encodings: number[][];
  prior: number[];
}

export type ColumnPlan = NumericPlan | OneHotPlan | OrdinalPlan | TargetPlan;

export const MISSING_LABEL = '<missing>';

export function featureNames(plan: ColumnPlan): string[] {
  const label = (c: string | null) => c ?? MISSING_LABEL;
  switch (plan.kind) {
    case 'numeric':
      return plan.indicator ? [plan.column, `${plan.column}_missing`] : [plan.column];
    case 'onehot':
      return [
        ...plan.categories.map((c) => `${plan.column}=${label(c)}`),
        ...(plan.infrequent.length > 0 ? [`${plan.column}=infrequent`] : []),
      ];
    case 'ordinal':
      return [plan.column];
    case 'target':
      return plan.labels.map((l) => (l === '' ? `${plan.column}:target` : `${plan.column}:target=${l}`));
  }
}

// ---- numeric ------------------------------------------------------------------------------

export function fitNumeric(
  column: string,
  values: Float64Array,
  options: {
    impute: ImputeStrategy;
    fill: number;
    indicator: boolean;
    clip: PreprocessSpec['clip'] | null;
    scale: ScaleStrategy;
  },
): NumericPlan {
  let present = presentValues(values);
  const hasMissing = present.length < values.length;
  let fill: number | null = null;
  switch (options.impute) {
    case 'mean':
      fill = meanOf(present);
      break;
    case 'median':
      fill = quantileOf(present, 0.5);
      break;
    case 'most_frequent':
      fill = mostFrequentNumber(present);
      break;
    case 'constant':
      fill = options.fill;
      break;
    case 'none':
      fill = null;
      break;
  }
  const plan: NumericPlan = {
    kind: 'numeric',
    column,
    fill,
    indicator: options.indicator && hasMissing && fill !== null,
    clip: null,
    center: 0,
    scale: 1,
    constant: false,
  };

  // Later statistics see the training values as the earlier steps leave them.
  if (fill !== null && hasMissing) present = values.map((v) => (Number.isNaN(v) ? (fill as number) : v));
  const clip = options.clip;
  if (clip && clip.method !== 'none') {
    let bounds: [number, number];
    if (clip.method === 'quantile') {
      bounds = [quantileOf(present, clip.lower), quantileOf(present, clip.upper)];
    } else {
      const q1 = quantileOf(present, 0.25);
      const q3 = quantileOf(present, 0.75);
      bounds = [q1 - clip.factor * (q3 - q1), q3 + clip.factor * (q3 - q1)];
    }
    plan.clip = bounds;
    for (let i = 0; i < present.length; i++)
      present[i] = present[i] < bounds[0] ? bounds[0] : present[i] > bounds[1] ? bounds[1] : present[i];
  }
  const [min, max] = minMaxOf(present);
  plan.constant = present.length > 0 && min === max;
  if (plan.constant) {
    // Whatever the scaler, a constant column becomes 0 (never NaN from a zero scale).
    plan.center = options.scale === 'none' ? 0 : min;
    return plan;
  }
  switch (options.scale) {
    case 'standard': {
      const mean = meanOf(present);
      plan.center = mean;
      plan.scale = stdOf(present, mean) || 1;
      break;
    }
    case 'minmax':
      plan.center = min;
      plan.scale = max - min || 1;
      break;
    case 'robust':
      plan.center = quantileOf(present, 0.5);
      plan.scale = quantileOf(present, 0.75) - quantileOf(present, 0.25) || 1;
      break;
    case 'none':
      break;
  }
  return plan;
}

export function applyNumeric(
  plan: NumericPlan,
  values: Float64Array,
  out: Float64Array,
  offset: number,
  rows: number,
): void {
  const { fill, clip, center, scale } = plan;
  const lo = clip ? clip[0] : -Infinity;
  const hi = clip ? clip[1] : Infinity;
  const indicator = plan.indicator ? offset + rows : -1;
  for (let i = 0; i < rows; i++) {
    let v = values[i];
    if (Number.isNaN(v)) {
      if (indicator >= 0) out[indicator + i] = 1;
      if (fill === null) {
        out[offset + i] = NaN;
        continue;
      }
      v = fill;
    }
    if (v < lo) v = lo;
    else if (v > hi) v = hi;
    out[offset + i] = (v - center) / scale;
  }
}

// ---- categorical --------------------------------------------------------------------------

function imputed(values: ReadonlyArray<string | null>, fill: string | null): ReadonlyArray<string | null> {
  return fill === null ? values : values.map((v) => v ?? fill);
}

/** scikit-learn's OneHotEncoder._identify_infrequent: min_frequency first, then max_categories (counting the infrequent feature). */
function infrequentOf(
  categories: Array<string | null>,
  counts: number[],
  rows: number,
  minFrequency: number,
  maxCategories: number,
): boolean[] {
  const threshold = minFrequency >= 1 ? minFrequency : minFrequency * rows;
  const infrequent = counts.map((c) => c < threshold);
  const current = categories.length - infrequent.filter(Boolean).length + 1;
  if (maxCategories > 0 && maxCategories < current) {
    // Stable ascending sort by count: among equal counts the earlier category counts as smaller.
    const order = counts
      .map((c, i) => [c, i])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([, i]) => i);
    for (const i of order.slice(0, Math.max(0, categories.length - maxCategories + 1))) infrequent[i] = true;
  }
  return infrequent;
}

export interface CategoricalOptions {
  impute: Exclude<ImputeStrategy, 'mean' | 'median'>;
  fill: string;
  encode: EncodeStrategy;
  encodeSpec: PreprocessSpec['encode'];
}

export function fitCategorical(
  column: string,
  raw: ReadonlyArray<string | null>,
  target: Target,
  options: CategoricalOptions,
): OneHotPlan | OrdinalPlan | TargetPlan {
  let fill: string | null = null;
  if (options.impute === 'most_frequent') fill = mostFrequentCategory(countCategories(raw, false)) ?? null;
  else if (options.impute === 'constant') fill = options.fill;
  const values = imputed(raw, fill);
  const unknown = options.encodeSpec.unknown;

  if (options.encode === 'ordinal') {
    const categories = [...countCategories(values, false).keys()].sort(compareCategories);
    return { kind: 'ordinal', column, fill, categories, unknown };
  }
  const counts = countCategories(values, true);
  const all = [...counts.keys()].sort(compareCategories);
  if (options.encode === 'onehot') {
    const infrequent = infrequentOf(
      all,
      all.map((c) => counts.get(c) as number),
      values.length,
      options.encodeSpec.minFrequency,
      options.encodeSpec.maxCategories,
    );
    return {
      kind: 'onehot',
      column,
      fill,
      categories: all.filter((_, i) => !infrequent[i]),
      infrequent: all.filter((_, i) => infrequent[i]),
      unknown,
    };
  }
  return fitTargetEncoding(column, values, all, fill, target, options.encodeSpec);
}

/** m-estimate: (sum of the target in the category + m × prior) / (count + m), per class beyond the first for binary, per class for multi-class. */
function fitTargetEncoding(
  column: string,
  values: ReadonlyArray<string | null>,
  categories: Array<string | null>,
  fill: string | null,
  target: Target,
  spec: PreprocessSpec['encode'],
): TargetPlan {
  const index = new Map(categories.map((c, i) => [c, i]));
  const n = values.length;
  const count = new Float64Array(categories.length);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    codes[i] = index.get(values[i]) as number;
    count[codes[i]]++;
  }
  let outputs: Array<{ label: string; y: (i: number) => number }>;
  if (target.task === 'regression') {
    outputs = [{ label: '', y: (i) => target.y[i] }];
  } else if (target.classes.length === 2) {
    outputs = [{ label: '', y: (i) => (target.y[i] === 1 ? 1 : 0) }];
  } else {
    outputs = target.classes.map((label, k) => ({ label, y: (i: number) => (target.y[i] === k ? 1 : 0) }));
  }
  const m = spec.smoothing;
  const encodings: number[][] = [];
  const prior: number[] = [];
  for (const output of outputs) {
    const sums = new Float64Array(categories.length);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const y = output.y(i);
      sums[codes[i]] += y;
      total += y;
    }
    const p = total / n;
    prior.push(p);
    encodings.push(Array.from(sums, (s, c) => (s + m * p) / (count[c] + m)));
  }
  return {
    kind: 'target',
    column,
    fill,
    categories,
    unknown: spec.unknown,
    labels: outputs.map((o) => o.label),
    encodings,
    prior,
  };
}

function unknownCategory(frame: Frame, plan: CategoricalBase, row: number, value: string | null): Error {
  const known = plan.categories
    .slice(0, 20)
    .map((c) => c ?? MISSING_LABEL)
    .join(', ');
  return dataError(
    frame,
    row,
    `Column "${plan.column}" has "${value ?? MISSING_LABEL}" at ${whereRow(frame, row)}, a category never seen in training (known: ${known}${plan.categories.length > 20 ? ', ...' : ''}); set preprocess.encode.unknown: ignore to accept new categories.`,
  );
}

export function applyCategorical(
  plan: OneHotPlan | OrdinalPlan | TargetPlan,
  frame: Frame,
  raw: ReadonlyArray<string | null>,
  out: Float64Array,
  offset: number,
  rows: number,
): void {
  const index = new Map(plan.categories.map((c, i) => [c, i]));
  const fill = plan.fill;
  switch (plan.kind) {
    case 'onehot': {
      const infrequent = new Set(plan.infrequent);
      const infrequentColumn = plan.infrequent.length > 0 ? plan.categories.length : -1;
      for (let i = 0; i < rows; i++) {
        const v = raw[i] ?? fill;
        const k = index.get(v);
        if (k !== undefined) out[offset + k * rows + i] = 1;
        else if (infrequent.has(v)) out[offset + infrequentColumn * rows + i] = 1;
        else if (plan.unknown === 'error') throw unknownCategory(frame, plan, i, v);
      }
      return;
    }
    case 'ordinal':
      for (let i = 0; i < rows; i++) {
        const v = raw[i] ?? fill;
        if (v === null) {
          out[offset + i] = NaN;
          continue;
        }
        const k = index.get(v);
        if (k === undefined && plan.unknown === 'error') throw unknownCategory(frame, plan, i, v);
        out[offset + i] = k ?? -1;
      }
      return;
    case 'target':
      for (let i = 0; i < rows; i++) {
        const v = raw[i] ?? fill;
        const k = index.get(v);
        if (k === undefined && plan.unknown === 'error') throw unknownCategory(frame, plan, i, v);
        for (let o = 0; o < plan.labels.length; o++)
          out[offset + o * rows + i] = k === undefined ? plan.prior[o] : plan.encodings[o][k];
      }
      return;
  }
}
