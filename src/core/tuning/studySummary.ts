// What the study view shows, summarised from a study's trials so the payload stays small at
// 10,000 trials: charts get capped samples and binned series (the cap is said in `omitted`),
// and the trial table's rows travel apart (studyRows.ts) as a first full list, then only the
// rows that changed. Pure: trials and the study file in, plain JSON out.
import { bestTrial, paretoFront } from './best';
import { IMPORTANCE_METHOD, pedAnovaImportance, type ParamImportance } from './importance';
import type { TrialRecord } from './study';
import type { StudyFile } from './studyStore';
import type { Direction, ParamDef, ParamValue, TrialState } from './types';

export const CAPS = { history: 2000, sample: 1000, edf: 200, curves: 200, curveSteps: 200, pareto: 2000, bins: 20 };

export interface ParamAxis {
  name: string;
  kind: 'float' | 'int' | 'categorical';
  log: boolean;
  /** Categorical: the choices as text; values are indices into them. */
  choices?: string[];
}

export interface Series {
  numbers: number[];
  values: number[];
}

export interface ObjectiveHistory {
  metric: string;
  direction: Direction;
  trials: Series;
  /** The best value so far, one point per improvement and one at the last trial. */
  bestSoFar: Series;
}

export interface TrialSample {
  numbers: number[];
  /** values[k][i]: objective k of sample trial i. */
  values: number[][];
  /** params[p][i]: parameter p (ParamAxis order) of trial i, categorical as choice index, null when inactive. */
  params: Array<Array<number | null>>;
}

export interface Contour {
  x: string;
  y: string;
  /** Bin centres (actual values; categorical: choice indices). */
  xs: number[];
  ys: number[];
  /** z[j][i]: mean first objective of the trials in bin (xs[i], ys[j]); null when empty. */
  z: Array<Array<number | null>>;
}

export interface StudySummary {
  studyId: string;
  directions: Direction[];
  metrics: string[];
  counts: Record<TrialState, number>;
  total: number;
  best?: { number: number; values: number[]; params: Record<string, ParamValue> };
  params: ParamAxis[];
  history: ObjectiveHistory[];
  stages: Array<{ index: number; trials: number; firstTrial?: number; changes: string[] }>;
  sample: TrialSample;
  importance: { method: string; params: ParamImportance[] };
  contour?: Contour;
  edf: Array<{ x: number[]; y: number[] }>;
  intermediate: Array<{ number: number; state: TrialState; steps: number[]; values: number[] }>;
  pareto?: { front: Series[]; frontNumbers: number[]; others: Series[] };
  omitted: string[];
}

const finite = (t: TrialRecord) => t.state === 'complete' && !!t.values && t.values.every(Number.isFinite);

/** Every `stride`-th element, plus those `keep` says must stay, in order, at most about `cap`. */
export function capEvenly<T>(items: readonly T[], cap: number, keep: (t: T) => boolean = () => false): T[] {
  if (items.length <= cap) return [...items];
  const stride = items.length / cap;
  const picked = new Set<number>();
  for (let i = 0; i < cap; i++) picked.add(Math.floor(i * stride));
  return items.filter((t, i) => picked.has(i) || keep(t));
}

export function paramAxes(study: StudyFile, trials: readonly TrialRecord[]): ParamAxis[] {
  const defs = new Map<string, ParamDef>();
  for (const d of study.space.params) defs.set(d.name, d);
  for (const s of study.stages) for (const d of s.space.params) if (!defs.has(d.name)) defs.set(d.name, d);
  const extra = new Set<string>();
  for (const t of trials) for (const name of Object.keys(t.params)) if (!defs.has(name)) extra.add(name);
  return [
    ...[...defs.values()].map((d): ParamAxis => {
      const dist = d.distribution;
      if (dist.type === 'categorical')
        return { name: d.name, kind: 'categorical', log: false, choices: dist.choices.map(String) };
      return { name: d.name, kind: dist.type, log: !!dist.log };
    }),
    ...[...extra].sort().map((name): ParamAxis => ({ name, kind: 'categorical', log: false, choices: [] })),
  ];
}

/** A parameter value as a number on its axis (a categorical's choice index, added when new). */
export function axisValue(axis: ParamAxis, value: ParamValue | undefined): number | null {
  if (value === undefined) return null;
  if (axis.kind !== 'categorical') return typeof value === 'number' ? value : null;
  const text = String(value);
  let i = axis.choices!.indexOf(text);
  if (i < 0) i = axis.choices!.push(text) - 1;
  return i;
}

function historyOf(done: TrialRecord[], k: number, direction: Direction, metric: string): ObjectiveHistory {
  const better = (a: number, b: number) => (direction === 'minimize' ? a < b : a > b);
  const best: Series = { numbers: [], values: [] };
  const improved = new Set<number>();
  let current: number | undefined;
  for (const t of done) {
    const v = t.values![k];
    if (current === undefined || better(v, current)) {
      current = v;
      best.numbers.push(t.number);
      best.values.push(v);
      improved.add(t.number);
    }
  }
  const last = done[done.length - 1];
  if (last && best.numbers[best.numbers.length - 1] !== last.number) {
    best.numbers.push(last.number);
    best.values.push(current!);
  }
  const shown = capEvenly(done, CAPS.history, (t) => improved.has(t.number));
  return {
    metric,
    direction,
    trials: { numbers: shown.map((t) => t.number), values: shown.map((t) => t.values![k]) },
    bestSoFar: best,
  };
}

function edfOf(values: number[]): { x: number[]; y: number[] } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n <= CAPS.edf) return { x: sorted, y: sorted.map((_, i) => (i + 1) / n) };
  const x: number[] = [];
  const y: number[] = [];
  for (let j = 1; j <= CAPS.edf; j++) {
    const i = Math.ceil((j * n) / CAPS.edf) - 1;
    x.push(sorted[i]);
    y.push((i + 1) / n);
  }
  return { x, y };
}

function binsOf(axis: ParamAxis, values: Array<number | null>): { centres: number[]; index: (v: number) => number } {
  if (axis.kind === 'categorical') return { centres: axis.choices!.map((_, i) => i), index: (v) => v };
  const f = axis.log ? Math.log : (x: number) => x;
  const inv = axis.log ? Math.exp : (x: number) => x;
  const xs = values.filter((v): v is number => v !== null && (!axis.log || v > 0)).map(f);
  const low = Math.min(...xs);
  const high = Math.max(...xs);
  const n = high > low ? CAPS.bins : 1;
  const width = (high - low) / n || 1;
  return {
    centres: Array.from({ length: n }, (_, i) => inv(low + (i + 0.5) * width)),
    index: (v) => Math.min(n - 1, Math.max(0, Math.floor((f(v) - low) / width))),
  };
}

function contourOf(axes: ParamAxis[], done: TrialRecord[], importance: ParamImportance[]): Contour | undefined {
  const names = importance.slice(0, 2).map((p) => p.name);
  if (names.length < 2) return undefined;
  const [ax, ay] = names.map((n) => axes.find((a) => a.name === n)!);
  const rows = done
    .map((t) => ({ x: axisValue(ax, t.params[ax.name]), y: axisValue(ay, t.params[ay.name]), v: t.values![0] }))
    .filter((r) => r.x !== null && r.y !== null) as Array<{ x: number; y: number; v: number }>;
  if (rows.length === 0) return undefined;
  const bx = binsOf(
    ax,
    rows.map((r) => r.x),
  );
  const by = binsOf(
    ay,
    rows.map((r) => r.y),
  );
  const sum = by.centres.map(() => bx.centres.map(() => 0));
  const count = by.centres.map(() => bx.centres.map(() => 0));
  for (const r of rows) {
    const i = bx.index(r.x);
    const j = by.index(r.y);
    sum[j][i] += r.v;
    count[j][i] += 1;
  }
  return {
    x: ax.name,
    y: ay.name,
    xs: bx.centres,
    ys: by.centres,
    z: sum.map((row, j) => row.map((s, i) => (count[j][i] ? s / count[j][i] : null))),
  };
}

function sampleOf(axes: ParamAxis[], done: TrialRecord[], direction: Direction): TrialSample {
  // The best quarter of the cap always, the rest spread evenly over the study.
  const sign = direction === 'minimize' ? 1 : -1;
  const bestFirst = [...done].sort((a, b) => sign * (a.values![0] - b.values![0]) || a.number - b.number);
  const keep = new Set(bestFirst.slice(0, CAPS.sample / 4).map((t) => t.number));
  const picked = capEvenly(done, (CAPS.sample * 3) / 4, (t) => keep.has(t.number));
  return {
    numbers: picked.map((t) => t.number),
    values: (done[0]?.values ?? []).map((_, k) => picked.map((t) => t.values![k])),
    params: axes.map((a) => picked.map((t) => axisValue(a, t.params[a.name]))),
  };
}

export function summarizeStudy(study: StudyFile, trials: readonly TrialRecord[]): StudySummary {
  const directions = study.directions;
  const metrics = directions.map((_, k) => study.metrics?.[k] ?? `objective ${k + 1}`);
  const counts: Record<TrialState, number> = { running: 0, complete: 0, pruned: 0, failed: 0 };
  for (const t of trials) counts[t.state] += 1;
  const done = trials.filter(finite).sort((a, b) => a.number - b.number);
  const axes = paramAxes(study, trials);
  const omitted: string[] = [];
  if (done.length > CAPS.history)
    omitted.push(
      `The history shows ${CAPS.history} of ${done.length} complete trials (evenly spread, every improvement kept).`,
    );
  if (done.length > CAPS.sample)
    omitted.push(
      `Parallel coordinates, slices and the contour's points show about ${CAPS.sample} trials (the best and an even spread).`,
    );
  const importance = pedAnovaImportance(study.space, done, directions[0]);
  const withCurves = trials.filter((t) => t.state !== 'running' && t.intermediate.length > 0);
  if (withCurves.length > CAPS.curves)
    omitted.push(`Intermediate values of the last ${CAPS.curves} of ${withCurves.length} trials that reported some.`);
  const best = directions.length === 1 ? bestTrial(done, directions[0]) : undefined;
  const firstOf = new Map<number, number>();
  for (const t of trials) {
    const s = t.stage ?? 0;
    if (!firstOf.has(s) || t.number < firstOf.get(s)!) firstOf.set(s, t.number);
  }
  let pareto: StudySummary['pareto'];
  if (directions.length > 1) {
    const front = paretoFront(done, directions);
    const onFront = new Set(front.map((t) => t.number));
    const others = capEvenly(
      done.filter((t) => !onFront.has(t.number)),
      CAPS.pareto,
    );
    const series = (ts: TrialRecord[]) =>
      directions.map((_, k) => ({ numbers: ts.map((t) => t.number), values: ts.map((t) => t.values![k]) }));
    pareto = { front: series(front), frontNumbers: front.map((t) => t.number), others: series(others) };
  }
  return {
    studyId: study.id,
    directions: [...directions],
    metrics,
    counts,
    total: trials.length,
    best: best && { number: best.number, values: [...best.values!], params: { ...best.params } },
    params: axes,
    history: directions.map((d, k) => historyOf(done, k, d, metrics[k])),
    stages: study.stages.map((s) => ({
      index: s.index,
      trials: s.trials,
      firstTrial: firstOf.get(s.index),
      changes: s.changes ?? [],
    })),
    sample: sampleOf(axes, done, directions[0]),
    importance: { method: IMPORTANCE_METHOD, params: importance },
    contour: contourOf(axes, done, importance),
    edf: directions.map((_, k) => edfOf(done.map((t) => t.values![k]))),
    intermediate: withCurves.slice(-CAPS.curves).map((t) => {
      const pts = capEvenly(t.intermediate, CAPS.curveSteps, (p) => p === t.intermediate[t.intermediate.length - 1]);
      return { number: t.number, state: t.state, steps: pts.map((p) => p[0]), values: pts.map((p) => p[1]) };
    }),
    pareto,
    omitted,
  };
}
