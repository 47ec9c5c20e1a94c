// `mlcycle evaluate`: a trained model of a run on a labelled dataset (default: the run's holdout)
// with the full evaluation, error analysis, fairness and the charter's KPIs. Exit 0, 1 when a
// KPI is missed, 2 on bad input or an error.
import type { EvaluateParams, EvaluateResult } from '../core/model/train/trainTypes';
import { evaluate } from '../core/model/train/evaluate';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { runWithProgressLine, writeResult } from './jobOutput';
import { projectPath, projectRootFor } from './modelOutput';
import { MISSING_VALUES_OPTION, missingValuesOption } from './missingValuesOption';

const num = (v: number | undefined) => (v === undefined ? '—' : Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4));

export function formatEvaluateReport(r: EvaluateResult): string {
  const lines = [`Model ${r.model} of run ${r.runId} on ${r.data} (${r.evaluation.rows} rows):`, ''];
  for (const [name, value] of Object.entries(r.evaluation.metrics)) lines.push(`  ${name.padEnd(24)} ${num(value)}`);
  if (r.errorAnalysis && r.errorAnalysis.slices.length > 0) {
    lines.push('', `  worst slices (${r.errorAnalysis.measure}, overall ${num(r.errorAnalysis.overallError)}):`);
    for (const s of r.errorAnalysis.slices.slice(0, 5))
      lines.push(`    ${s.description}: ${num(s.error)} on ${s.count} rows`);
  }
  for (const column of r.fairness?.columns ?? []) {
    lines.push('', `  fairness by ${column.column}: ${column.groups.map((g) => `${g.group} (${g.count})`).join(', ')}`);
    for (const [metric, diff] of Object.entries(column.difference).slice(0, 4))
      lines.push(`    ${metric} difference ${num(diff)}, ratio ${num(column.ratio[metric])}`);
  }
  for (const k of r.kpis ?? [])
    lines.push(
      `  KPI ${k.name ?? k.metric}: ${k.metric} ${num(k.value)} (target ${k.threshold}) ${k.pass ? 'pass' : 'FAIL'}`,
    );
  lines.push('', `Recorded in ${r.recordPath}.`);
  return lines.join('\n') + '\n';
}

export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary:
    "Evaluate a trained model on labelled data (default: the run's holdout); exit 1 when a charter KPI is missed.",
  usage:
    'mlcycle evaluate [--run <id>] [--model <name>] [--data <file>] [--json <out.json|->] [--missing-values <a,b,...>] [--root <dir>]',
  options: {
    run: { type: 'string', description: 'the run id (default: the newest run)' },
    model: { type: 'string', description: 'the model of the run (default: its best model)' },
    data: { type: 'string', description: "a labelled data file (default: the run's holdout)" },
    'missing-values': MISSING_VALUES_OPTION,
    json: { type: 'string', description: 'also write the evaluation as JSON to this file ("-" for stdout only)' },
    root: {
      type: 'string',
      description: 'the project folder (default: the one holding mlcycle.yaml above the working directory)',
    },
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length > 0)
      throw new UsageError('evaluate takes no positional arguments: use --run, --model, --data.');
    const root = await projectRootFor(values, io, typeof values.data === 'string' ? values.data : undefined);
    const params: EvaluateParams = { root };
    if (typeof values.run === 'string') params.run = values.run;
    if (typeof values.model === 'string') params.model = values.model;
    if (typeof values.data === 'string') params.data = projectPath(root, io, values.data);
    const missingValues = missingValuesOption(values);
    if (missingValues) params.missingValues = missingValues;
    const result = await runWithProgressLine(io, 'evaluate', signal, (ctx) => evaluate(params, ctx));
    const inputs = typeof values.data === 'string' ? [values.data] : [];
    await writeResult(io, values.json, result, () => formatEvaluateReport(result), inputs);
    return (result.kpis ?? []).some((k) => !k.pass) ? EXIT.checkFailed : EXIT.ok;
  },
};
