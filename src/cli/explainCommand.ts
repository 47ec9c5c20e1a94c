// `mlcycle explain <run>[:<model>] <data-file> [--rows ...] [--out contributions.csv] [--json out]`:
// each column's contribution to a saved model's output on rows of a data file (exact TreeSHAP or
// Linear SHAP where the model allows, else the permutation estimator with standard errors), and
// the most influential columns overall. Exit 0; 1 when the contributions fail the additivity
// check (never for --method lime, which is not additive: its local fit error is reported); 2 on
// bad input.
import { resolve } from 'node:path';
import { checkOutputFolder } from '../core/atomicWrite';
import { explain } from '../core/explain/explainJob';
import type { ExplainMethod, ExplainOutput, ExplainParams, ExplainResult } from '../core/explain/explainTypes';
import type { CliCommand } from './command';
import { EXIT, UsageError, wholeNumberOption } from './io';
import { refuseInputAsOutput, runWithProgressLine, writeResult } from './jobOutput';
import { MISSING_VALUES_OPTION, missingValuesOption } from './missingValuesOption';
import { projectPath, projectRootFor } from './modelOutput';

const METHODS: readonly ExplainMethod[] = [
  'auto',
  'tree-path',
  'tree-interventional',
  'linear',
  'sampling',
  'kernel',
  'lime',
];
const OUTPUTS: readonly ExplainOutput[] = ['raw', 'probability'];

/** "3", "1,5,10-20" → 0-based row numbers. */
export function parseRows(text: string): number[] {
  const rows: number[] = [];
  for (const part of text.split(',')) {
    const m = part.trim().match(/^(\d+)(?:-(\d+))?$/);
    if (!m) throw new UsageError(`--rows takes row numbers and ranges like 0,5,10-20 (0-based), not "${part}".`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new UsageError(`--rows: the range ${part} runs backwards.`);
    if (to - from > 1_000_000) throw new UsageError(`--rows: the range ${part} is too long.`);
    for (let r = from; r <= to; r++) rows.push(r);
  }
  return rows;
}

const meanOf = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
const show = (v: number) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2));

export function formatExplainReport(r: ExplainResult): string {
  const lines = [
    `Explained ${r.rows.length} rows of ${r.data} with ${r.model} (run ${r.runId}): ${r.methodNote}.`,
    `Output: ${r.outputNames.join(', ')} (${r.outputKind}); base value ${r.base.map(show).join(', ')}${r.lime ? " (the mean of the rows' local intercepts)" : ''}.`,
    r.lime
      ? `Local fit (LIME): the local models' prediction at the row is within ${r.additivityError.toExponential(1)} of the model's output; mean R² ${meanOf(r.lime.score.flat()).toFixed(3)}.`
      : `Additivity: base + contributions = the model's output to ${r.additivityError.toExponential(1)}.`,
  ];
  if (r.evaluations > 0) lines.push(`Model evaluations: ${r.evaluations}.`);
  lines.push('Most influential columns (mean |contribution|):');
  for (const g of r.global.slice(0, 10))
    lines.push(`  ${g.column.padEnd(24)} ${g.meanAbs.map(show).join('  ')}  ${g.direction}`);
  if (r.interactions) {
    lines.push(`Strongest interactions among ${r.interactions.columns.join(', ')} (mean |Φ_ab + Φ_ba|):`);
    for (const p of r.interactions.pairs.slice(0, 5)) lines.push(`  ${p.a} × ${p.b}: ${show(p.meanAbs)}`);
  }
  if (r.out) lines.push(`Per-row contributions written to ${r.out}.`);
  for (const n of r.notices) lines.push(`Note: ${n}`);
  return `${lines.join('\n')}\n`;
}

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: "Explain a model's predictions: each column's contribution (SHAP values) per row, and overall.",
  usage:
    'mlcycle explain <run-id | runId:model | runId/model | file.model.json | file.external.json> <data-file> [--rows 0,5,10-20] [--method auto|tree-path|tree-interventional|linear|sampling|kernel|lime] [--output raw|probability] [--coalitions N] [--samples N] [--kernel-width W] [--lime-features K] [--background N] [--pairs N] [--seed N] [--interactions K] [--expanded] [--out <contributions.csv>] [--json <out.json|->] [--root <dir>]',
  options: {
    rows: { type: 'string', description: 'the rows to explain, 0-based: 3 or 0,5,10-20 (default: every row)' },
    method: {
      type: 'string',
      description:
        'auto (exact where the model allows, else sampling), tree-path, tree-interventional, linear, sampling, kernel, lime',
    },
    output: {
      type: 'string',
      description:
        "raw (the model's own output: log-odds or scores for boosting; default) or probability (boosting classifiers, interventional, as shap's model_output)",
    },
    background: { type: 'string', description: 'background rows drawn from the training rows (default 100)' },
    pairs: { type: 'string', description: 'sampling: antithetic permutation pairs per row (default 100)' },
    coalitions: {
      type: 'string',
      description: 'kernel: coalitions per row (default 2·features + 2,048; every one when that many exist)',
    },
    samples: { type: 'string', description: 'lime: perturbations per row, the row included (default 5000)' },
    'kernel-width': { type: 'string', description: "lime: the kernel's width (default sqrt(encoded features)·0.75)" },
    'lime-features': {
      type: 'string',
      description: "lime: features in each local model, chosen as lime's 'auto' selection does (default all)",
    },
    interactions: {
      type: 'string',
      description:
        'also the interaction values among the K most influential columns (tree models), and the strongest pairs',
    },
    seed: { type: 'string', description: "the seed of the background draw and the sampling (default: the run's)" },
    expanded: {
      type: 'boolean',
      description: 'per encoded feature (one-hot columns, indicators) instead of per input column',
    },
    out: { type: 'string', short: 'o', description: 'write the per-row contributions to this CSV' },
    json: { type: 'string', description: 'also write the whole result as JSON to this file ("-" for stdout only)' },
    'missing-values': MISSING_VALUES_OPTION,
    root: {
      type: 'string',
      description:
        'the project folder (default: the one holding mlcycle.yaml above the data file or the working directory)',
    },
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length !== 2)
      throw new UsageError('Give the model (a run id, runId:model, or a .model.json file) and the data file.');
    const [reference, data] = positionals;
    const isFile = /\.(model|external)\.json$/.test(reference);
    const root = await projectRootFor(values, io, isFile ? reference : data);
    const method = values.method;
    if (method !== undefined && !METHODS.includes(method as ExplainMethod))
      throw new UsageError(`--method is one of ${METHODS.join(', ')}, not "${String(method)}".`);
    const output = values.output;
    if (output !== undefined && !OUTPUTS.includes(output as ExplainOutput))
      throw new UsageError(`--output is one of ${OUTPUTS.join(', ')}, not "${String(output)}".`);
    const params: ExplainParams = {
      root,
      model: isFile ? projectPath(root, io, reference) : reference,
      data: projectPath(root, io, data),
      ...(method ? { method: method as ExplainMethod } : {}),
      ...(output ? { output: output as ExplainOutput } : {}),
      ...(typeof values.rows === 'string' ? { rows: parseRows(values.rows) } : {}),
      ...(values.expanded === true ? { expanded: true } : {}),
      ...(missingValuesOption(values) ? { missingValues: missingValuesOption(values) } : {}),
    };
    for (const name of ['background', 'pairs', 'seed', 'interactions', 'coalitions', 'samples'] as const) {
      const n = wholeNumberOption(values, name);
      if (n !== undefined) params[name] = n;
    }
    const limeFeatures = wholeNumberOption(values, 'lime-features');
    if (limeFeatures !== undefined) params.limeFeatures = limeFeatures;
    const width = values['kernel-width'];
    if (typeof width === 'string') {
      const w = Number(width);
      if (!(w > 0) || !Number.isFinite(w))
        throw new UsageError(`--kernel-width takes a positive number, not "${width}".`);
      params.kernelWidth = w;
    }
    const limeOnly = (['samples', 'kernel-width', 'lime-features'] as const).filter((o) => values[o] !== undefined);
    if (limeOnly.length > 0 && method !== 'lime')
      throw new UsageError(`--${limeOnly[0]} is an option of --method lime.`);
    if (typeof values.out === 'string') {
      refuseInputAsOutput(io, values.out, isFile ? [data, reference] : [data], '--out');
      await checkOutputFolder(resolve(io.cwd, values.out), values.out);
      params.out = resolve(io.cwd, values.out);
    }
    const result = await runWithProgressLine(io, 'explain', signal, (ctx) => explain(params, ctx));
    const shown = typeof values.out === 'string' ? { ...result, out: values.out } : result;
    await writeResult(io, values.json, shown, () => formatExplainReport(shown), positionals);
    // LIME is not additive: its local fit error is reported, never a failed check.
    return result.lime || result.additivityError <= 1e-9 ? EXIT.ok : EXIT.checkFailed;
  },
};
