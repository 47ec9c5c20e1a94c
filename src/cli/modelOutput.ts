// What the model commands (train, evaluate, predict) share: finding the project folder, and the
// train run as scripts read it (--json: the issue's contract, scikit-learn metric names) and as
// people read it (a table of models: primary metric CV mean ± std, holdout, vs baseline).
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { greaterIsBetter } from '../core/lifecycle/runSummary';
import type { RunData } from '../core/model/runTypes';
import type { TrainResult } from '../core/model/train/trainTypes';
import { findProjectRoot, PROJECT_FILE } from '../core/project/projectFile';
import { type CliIO, UsageError } from './io';

/** --root, else the nearest folder holding mlcycle.yaml above `near` (a file) or the working directory. */
export async function projectRootFor(values: Record<string, unknown>, io: CliIO, near?: string): Promise<string> {
  if (typeof values.root === 'string') return resolve(io.cwd, values.root);
  const root =
    (near ? await findProjectRoot(dirname(resolve(io.cwd, near))) : undefined) ?? (await findProjectRoot(io.cwd));
  if (!root)
    throw new UsageError(
      `No ${PROJECT_FILE} found above ${near ?? io.cwd}: run inside a project or give --root <project folder>.`,
    );
  return root;
}

/** A path given on the command line (relative to the working directory) as the job wants it: relative to the root. */
export function projectPath(root: string, io: CliIO, path: string): string {
  const absolute = resolve(io.cwd, path);
  const rel = relative(root, absolute);
  return rel.startsWith('..') || isAbsolute(rel) ? absolute : rel.split('\\').join('/');
}

/** The JSON a script reads after `mlcycle train --json`: runId and models with {cv: {m: {mean, std}}, holdout: {m: v}}. */
export function trainJson(result: TrainResult) {
  const run = result.run;
  return {
    runId: result.runId,
    recordPath: result.recordPath,
    outcome: result.outcome,
    summary: result.summary,
    task: run.task,
    target: run.target,
    primaryMetric: run.primaryMetric,
    bestModel: run.bestModel,
    rows: run.rows,
    holdoutSource: run.holdoutSource,
    ...(run.missingValues ? { missingValues: run.missingValues } : {}),
    models: run.models.map((m) => ({
      name: m.name,
      kind: m.kind,
      baseline: m.baseline,
      metrics: {
        cv: Object.fromEntries(
          Object.entries(m.metrics.cv ?? {}).map(([k, v]) => [k, { mean: v.mean, std: v.std, folds: v.folds }]),
        ),
        holdout: m.metrics.holdout ?? {},
      },
      ...(m.vsBaseline ? { vsBaseline: m.vsBaseline } : {}),
      ...(m.artifact ? { artifact: m.artifact } : {}),
      ...(m.reported ? { reported: m.reported } : {}),
      ...(m.error ? { error: m.error } : {}),
    })),
    ...(run.kpis ? { kpis: run.kpis } : {}),
    ...(run.failures ? { failures: run.failures } : {}),
    ...(run.warnings ? { warnings: run.warnings } : {}),
    ...(run.reproduction ? { reproduction: run.reproduction } : {}),
    timings: run.timings,
  };
}

const num = (v: number | undefined) => (v === undefined ? '—' : Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4));

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) =>
    `  ${r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('   ')}`.trimEnd(),
  );
}

/** The human report of a run. */
export function formatTrainReport(result: TrainResult): string {
  const run: RunData = result.run;
  const metric = run.primaryMetric;
  const lines = [
    `Run ${run.runId}: ${run.task} of ${run.target}, ${run.rows.train} training rows, ${run.spec.split.folds}-fold ${run.spec.split.kind} CV, holdout ${run.rows.holdout} rows (${run.holdoutSource}).`,
    `Primary metric ${metric} (${greaterIsBetter(metric) ? 'higher' : 'lower'} is better).`,
    '',
  ];
  const rows = [['model', 'kind', `CV ${metric}`, 'holdout', 'vs baseline', '']];
  for (const m of run.models) {
    const cv = m.metrics.cv?.[metric];
    const vs = m.vsBaseline;
    const flag = m.error
      ? `FAILED: ${m.error.split('\n')[0]}`
      : m.baseline
        ? 'baseline'
        : vs && !vs.beats
          ? 'does not beat the baseline'
          : m.name === run.bestModel
            ? 'best'
            : '';
    rows.push([
      m.name,
      m.kind,
      cv ? `${num(cv.mean)} ± ${num(cv.std)}` : '—',
      num(m.metrics.holdout?.[metric]),
      vs ? `${vs.delta >= 0 ? '+' : ''}${num(vs.delta)}` : '—',
      flag,
    ]);
  }
  lines.push(...table(rows), '');
  if (run.kpis)
    for (const k of run.kpis)
      lines.push(
        `  KPI ${k.name ?? k.metric}: ${k.metric} ${num(k.value)} (target ${k.threshold}) ${k.pass ? 'pass' : 'FAIL'}`,
      );
  for (const w of run.warnings ?? []) lines.push(`  warning: ${w}`);
  const r = run.reproduction;
  if (r)
    lines.push(
      r.identical
        ? `  Reproduces run ${r.of}: every metric identical.`
        : `  Does NOT reproduce run ${r.of}: ${r.differences.length} metric(s) differ, e.g. ${r.differences
            .slice(0, 3)
            .map((d) => `${d.model} ${d.metric} ${d.original} → ${d.now ?? 'missing'}`)
            .join('; ')}.`,
    );
  lines.push(
    '',
    `${result.outcome === 'fail' ? 'FAIL' : 'PASS'}: ${result.summary ?? ''}`,
    `Recorded in ${result.recordPath}.`,
  );
  return lines.join('\n') + '\n';
}
