// Splitting rows for a training run, seeded and deterministic: the untouched holdout taken from
// the training file (random, stratified by class, whole groups, or the latest rows in time), and
// the cross-validation folds, after scikit-learn's KFold, StratifiedKFold (each class spread
// over the folds), GroupKFold (a group never split; folds balanced by size) and TimeSeriesSplit
// (expanding window: train on the past, test on the next block). Impossible splits are
// `bad-input` errors; doubtful ones (a class rarer than the folds) are warnings the trainer records.
import { seededRandom as seeded } from '../seededRandom';
import { JobError } from '../../protocol/jobError';
import type { Frame } from './frame';
import type { Target } from './matrix';
import type { SplitSpec } from './specTypes';

export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/** The folds, in order, with the warnings to record in the run. */
export type Folds = Fold[] & { warnings: string[] };

export interface HoldoutSplit {
  /** Row positions, ascending. */
  train: Int32Array;
  holdout: Int32Array;
  warnings: string[];
}

function shuffle<T extends { length: number; [i: number]: number }>(array: T, random: () => number): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}

function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Rows not in `chosen` (a mask), ascending. */
function complement(n: number, chosen: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < n; i++) if (!chosen[i]) count++;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (!chosen[i]) out[k++] = i;
  return out;
}

function maskOf(n: number, rows: ArrayLike<number>): Uint8Array {
  const mask = new Uint8Array(n);
  for (let i = 0; i < rows.length; i++) mask[rows[i]] = 1;
  return mask;
}

function sortedCopy(rows: ArrayLike<number>): Int32Array {
  return Int32Array.from(rows).sort();
}

function lineOf(frame: Frame, row: number): string {
  return frame.lineNumbers ? `line ${frame.lineNumbers[row]}` : `row ${row + 1}`;
}

function columnOf(frame: Frame, name: string, role: string) {
  const column = frame.columns.find((c) => c.name === name);
  if (!column)
    throw new JobError(
      'bad-input',
      `The ${role} column "${name}" (split) is not in the data. Its columns: ${frame.columns.map((c) => c.name).join(', ')}.`,
    );
  return column;
}

/** The group of each row (split.group); a missing value is a group of its own. */
function groupCodes(frame: Frame, name: string, warnings: string[]): { codes: Int32Array; groups: number } {
  const column = columnOf(frame, name, 'group');
  const index = new Map<string | number | null, number>();
  const codes = new Int32Array(frame.rows);
  let missing = 0;
  for (let i = 0; i < frame.rows; i++) {
    let key: string | number | null = column.values[i];
    if (typeof key === 'number' && Number.isNaN(key)) key = null;
    if (key === null) missing++;
    let code = index.get(key);
    if (code === undefined) {
      code = index.size;
      index.set(key, code);
    }
    codes[i] = code;
  }
  if (missing > 0)
    warnings.push(
      `${missing} row${missing === 1 ? ' has' : 's have'} no value in the group column "${name}": they form one group together.`,
    );
  return { codes, groups: index.size };
}

/** Rows ordered by the time column (ties in file order); missing or unreadable times are refused. */
function timeOrder(frame: Frame, name: string): Int32Array {
  const column = columnOf(frame, name, 'time');
  const times = new Float64Array(frame.rows);
  for (let i = 0; i < frame.rows; i++) {
    const v = column.values[i];
    const t = typeof v === 'number' ? v : v === null ? NaN : Number.isNaN(Number(v)) ? Date.parse(v) : Number(v);
    if (Number.isNaN(t)) {
      throw new JobError(
        'bad-input',
        `A time split orders rows by "${name}", but ${lineOf(frame, i)} has ${v === null || typeof v === 'number' ? 'no value' : `"${v}", which is not a date or a number`}.`,
        frame.lineNumbers ? { line: frame.lineNumbers[i] } : {},
      );
    }
    times[i] = t;
  }
  return range(frame.rows).sort((a, b) => times[a] - times[b] || a - b);
}

/** Rows of each class, in row order. */
function rowsByClass(y: Int32Array, classes: number): Int32Array[] {
  const counts = new Int32Array(classes);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(classes);
  for (let i = 0; i < y.length; i++) out[y[i]][fill[y[i]]++] = i;
  return out;
}

export function holdoutSplit(frame: Frame, target: Target, split: SplitSpec): HoldoutSplit {
  const n = frame.rows;
  const warnings: string[] = [];
  if (split.holdoutFraction <= 0) return { train: range(n), holdout: new Int32Array(0), warnings };
  const nTest = Math.ceil(split.holdoutFraction * n);
  if (nTest >= n)
    throw new JobError(
      'bad-input',
      `A holdout of ${split.holdoutFraction} of ${n} rows leaves no rows to train on: lower split.holdout or add data.`,
    );
  const random = seeded(split.seed);
  let holdout: Int32Array;

  if (split.kind === 'time' && split.timeColumn) {
    holdout = sortedCopy(timeOrder(frame, split.timeColumn).subarray(n - nTest));
  } else if (split.kind === 'group' && split.groupColumn) {
    const { codes, groups } = groupCodes(frame, split.groupColumn, warnings);
    const take = Math.ceil(split.holdoutFraction * groups);
    if (groups < 2 || take >= groups)
      throw new JobError(
        'bad-input',
        `A group holdout needs at least two groups in "${split.groupColumn}"; the data has ${groups}.`,
      );
    const order = shuffle(range(groups), random);
    const chosen = new Uint8Array(groups);
    for (let k = 0; k < take; k++) chosen[order[k]] = 1;
    holdout = Int32Array.from(range(n).filter((i) => chosen[codes[i]] === 1));
  } else if (split.kind === 'stratified' && target.task === 'classification') {
    holdout = stratifiedHoldout(target, nTest, random, warnings);
  } else {
    const order = split.shuffle ? shuffle(range(n), random) : range(n);
    holdout = sortedCopy(split.shuffle ? order.subarray(0, nTest) : order.subarray(n - nTest));
  }
  return { train: complement(n, maskOf(n, holdout)), holdout, warnings };
}

/** Each class keeps its share in the holdout: floor of its quota, remaining rows to the largest remainders. */
function stratifiedHoldout(
  target: Extract<Target, { task: 'classification' }>,
  nTest: number,
  random: () => number,
  warnings: string[],
): Int32Array {
  const n = target.y.length;
  const byClass = rowsByClass(target.y, target.classes.length);
  const quota = byClass.map((rows) => (rows.length * nTest) / n);
  const take = quota.map(Math.floor);
  let left = nTest - take.reduce((a, b) => a + b, 0);
  const order = quota
    .map((_, k) => k)
    .sort((a, b) => quota[b] - take[b] - (quota[a] - take[a]) || byClass[b].length - byClass[a].length || a - b);
  // Remaining rows go to the largest remainders, first without taking a class's last training row.
  for (const keep of [1, 0]) {
    for (const k of order) {
      if (left === 0) break;
      if (take[k] < byClass[k].length - keep) {
        take[k]++;
        left--;
      }
    }
  }
  const rare = byClass
    .map((rows, k) => [target.classes[k], rows.length] as const)
    .filter(([, count]) => count > 0 && count < 2);
  if (rare.length > 0)
    warnings.push(
      `Class ${rare.map(([c]) => `"${c}"`).join(', ')} has a single row: it cannot be both in the training rows and in the holdout.`,
    );
  const out: number[] = [];
  byClass.forEach((rows, k) => {
    const shuffled = shuffle(Int32Array.from(rows), random);
    for (let i = 0; i < take[k]; i++) out.push(shuffled[i]);
  });
  return sortedCopy(out);
}

/** Classification: a class missing from the training rows of a fold (a rare class, a time or group split) is worth a warning, not an error. */
function absentClassWarnings(target: Target, folds: Fold[]): string[] {
  if (target.task !== 'classification') return [];
  const absentIn = target.classes.map(() => [] as number[]);
  folds.forEach((fold, f) => {
    const seen = new Uint8Array(target.classes.length);
    for (let i = 0; i < fold.train.length; i++) seen[target.y[fold.train[i]]] = 1;
    seen.forEach((present, c) => {
      if (!present) absentIn[c].push(f + 1);
    });
  });
  return absentIn.flatMap((list, c) =>
    list.length === 0
      ? []
      : [
          `Class "${target.classes[c]}" is absent from the training rows of fold${list.length > 1 ? 's' : ''} ${list.join(', ')}: those folds' models cannot predict it, which lowers their scores. A stratified split or more rows of that class would avoid it.`,
        ],
  );
}

function asFolds(folds: Fold[], warnings: string[], target: Target): Folds {
  return Object.assign(folds, { warnings: [...warnings, ...absentClassWarnings(target, folds)] });
}

/** Test rows of each fold → folds with their complement as training rows. */
function foldsFromAssignment(n: number, foldOf: Int32Array, k: number): Fold[] {
  return Array.from({ length: k }, (_, f) => {
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (foldOf[i] === f) mask[i] = 1;
    return { train: complement(n, mask), test: Int32Array.from(range(n).filter((i) => mask[i] === 1)) };
  });
}

export function cvFolds(frame: Frame, target: Target, split: SplitSpec): Folds {
  const n = frame.rows;
  const k = split.folds;
  const warnings: string[] = [];
  if (!Number.isInteger(k) || k < 2)
    throw new JobError('bad-input', `Cross-validation needs at least 2 folds (split.folds is ${k}).`);
  const random = seeded(split.seed);

  if (split.kind === 'time' && split.timeColumn) {
    const order = timeOrder(frame, split.timeColumn);
    const testSize = Math.floor(n / (k + 1));
    if (testSize < 1)
      throw new JobError(
        'bad-input',
        `A time split into ${k} folds needs at least ${k + 1} rows; the training data has ${n}.`,
      );
    const folds: Fold[] = [];
    for (let f = 0; f < k; f++) {
      const start = n - (k - f) * testSize;
      folds.push({
        train: Int32Array.from(order.subarray(0, start)),
        test: Int32Array.from(order.subarray(start, start + testSize)),
      });
    }
    return asFolds(folds, warnings, target);
  }

  if (k > n)
    throw new JobError(
      'bad-input',
      `Cross-validation with ${k} folds needs at least ${k} rows; the training data has ${n}. Lower split.folds.`,
    );
  const foldOf = new Int32Array(n);

  if (split.kind === 'group' && split.groupColumn) {
    const { codes, groups } = groupCodes(frame, split.groupColumn, warnings);
    if (groups < k)
      throw new JobError(
        'bad-input',
        `A group split into ${k} folds needs at least ${k} groups in "${split.groupColumn}"; the data has ${groups}. Lower split.folds.`,
      );
    const sizes = new Int32Array(groups);
    for (let i = 0; i < n; i++) sizes[codes[i]]++;
    // Largest groups first, each to the lightest fold (GroupKFold); shuffling breaks ties between equal sizes.
    const order = split.shuffle ? shuffle(range(groups), random) : range(groups);
    const sorted = Array.from(order).sort((a, b) => sizes[b] - sizes[a]);
    const load = new Float64Array(k);
    const groupFold = new Int32Array(groups);
    for (const g of sorted) {
      let lightest = 0;
      for (let f = 1; f < k; f++) if (load[f] < load[lightest]) lightest = f;
      groupFold[g] = lightest;
      load[lightest] += sizes[g];
    }
    for (let i = 0; i < n; i++) foldOf[i] = groupFold[codes[i]];
    return asFolds(foldsFromAssignment(n, foldOf, k), warnings, target);
  }

  if (split.kind === 'stratified' && target.task === 'classification') {
    stratifiedAssignment(target, k, split.shuffle, random, foldOf, warnings);
    return asFolds(foldsFromAssignment(n, foldOf, k), warnings, target);
  }

  // KFold: the first n % k folds get one extra row.
  const order = split.shuffle ? shuffle(range(n), random) : range(n);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let i = start; i < start + size; i++) foldOf[order[i]] = f;
    start += size;
  }
  return asFolds(foldsFromAssignment(n, foldOf, k), warnings, target);
}

/**
 * StratifiedKFold's allocation: with the labels sorted, fold f takes every k-th label from
 * position f, so each class is spread over the folds as evenly as its count allows; the rows of
 * a class then receive their folds in row order, or shuffled.
 */
function stratifiedAssignment(
  target: Extract<Target, { task: 'classification' }>,
  k: number,
  shuffleRows: boolean,
  random: () => number,
  foldOf: Int32Array,
  warnings: string[],
): void {
  // Classes in order of first appearance, like scikit-learn's re-encoding.
  const firstSeen: number[] = [];
  const seen = new Set<number>();
  for (const c of target.y)
    if (!seen.has(c)) {
      seen.add(c);
      firstSeen.push(c);
    }
  const byClass = rowsByClass(target.y, target.classes.length);
  const counts = firstSeen.map((c) => byClass[c].length);
  if (counts.every((c) => c < k)) {
    throw new JobError(
      'bad-input',
      `Stratified ${k}-fold cross-validation needs a class with at least ${k} rows; the largest has ${Math.max(...counts)}. Lower split.folds.`,
    );
  }
  const least = firstSeen.reduce((a, c) => (byClass[c].length < byClass[a].length ? c : a), firstSeen[0]);
  if (byClass[least].length < k) {
    warnings.push(
      `The least populated class ("${target.classes[least]}") has only ${byClass[least].length} row${byClass[least].length === 1 ? '' : 's'}, fewer than the ${k} folds: some folds have none of it, and their models never see it.`,
    );
  }
  const sortedLabels: number[] = [];
  firstSeen.forEach((_, e) => {
    for (let i = 0; i < counts[e]; i++) sortedLabels.push(e);
  });
  const allocation = Array.from({ length: k }, () => new Int32Array(firstSeen.length));
  for (let f = 0; f < k; f++) for (let i = f; i < sortedLabels.length; i += k) allocation[f][sortedLabels[i]]++;
  firstSeen.forEach((c, e) => {
    const folds = new Int32Array(counts[e]);
    let p = 0;
    for (let f = 0; f < k; f++) for (let r = 0; r < allocation[f][e]; r++) folds[p++] = f;
    if (shuffleRows) shuffle(folds, random);
    byClass[c].forEach((row, i) => {
      foldOf[row] = folds[i];
    });
  });
}
