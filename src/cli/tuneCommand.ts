// `mlcycle tune [tuning.yaml | pipeline.yaml]`: a tuning study from the command line, recorded
// under .mlcycle/studies/<id>/. Exit 0 when the study finished and its best trial beat the
// baseline, 1 when it did not, 2 on bad input, 130 when interrupted (finished trials kept).
import type { TrialRecord } from '../core/tuning/study';
import { tune, type TuneParams, type TuneResult } from '../core/tuning/tuneJob';
import type { CliCommand } from './command';
import { EXIT, UsageError, wholeNumberOption } from './io';
import { runWithProgressLine, writeResult } from './jobOutput';
import { projectPath, projectRootFor } from './modelOutput';
import { runPromotion } from './promoteOutput';

const show = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(4));

function trialLine(t: TrialRecord, metrics: string[]): string {
  const values = t.values ? metrics.map((m, i) => `${m} ${show(t.values![i])}`).join(', ') : (t.error ?? t.state);
  const params = Object.entries(t.params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? show(v) : v}`)
    .join(' ');
  return `#${t.number} ${values}  ${params}`;
}

export function formatTuneReport(r: TuneResult): string {
  const states = ['complete', 'pruned', 'failed'].map((s) => `${r.trials.filter((t) => t.state === s).length} ${s}`);
  const lines = [`Study ${r.studyId}: ${r.trials.length} trials (${states.join(', ')}), stopped by ${r.stopReason}.`];
  lines.push(`Baseline: ${r.metrics.map((m, i) => `${m} ${show(r.baseline[i])}`).join(', ')}`);
  if (r.best) lines.push(`Best trial: ${trialLine(r.best, r.metrics)}`);
  else lines.push('No trial completed that meets the constraints.');
  if (r.metrics.length > 1)
    lines.push(`Pareto front: ${r.paretoFront.length} trials (${r.paretoFront.map((t) => `#${t.number}`).join(', ')})`);
  lines.push(r.beatBaseline ? 'The best trial beats the baseline.' : 'FAIL: no trial beats the baseline.');
  if (r.nextStage) {
    const s = r.nextStage;
    lines.push(
      `Stage ${s.index + 1} is next: its narrowed space is in ${s.file}${s.written ? '' : ' (your file, kept as it is)'}; edit it, then run mlcycle tune --resume ${r.studyId}.`,
    );
    for (const c of s.changes) lines.push(`  ${c}`);
  }
  for (const n of r.notices) lines.push(`Note: ${n}`);
  lines.push(`Records: ${r.dir}`);
  return `${lines.join('\n')}\n`;
}

export function tuneJson(r: TuneResult) {
  return {
    studyId: r.studyId,
    metrics: r.metrics,
    directions: r.directions,
    stopReason: r.stopReason,
    baseline: r.baseline,
    beatBaseline: r.beatBaseline,
    best: r.best ?? null,
    paretoFront: r.paretoFront.map((t) => t.number),
    ...(r.nextStage ? { nextStage: r.nextStage } : {}),
    trials: r.trials,
  };
}

export const tuneCommand: CliCommand = {
  name: 'tune',
  summary:
    'Tune hyperparameters (grid, random or TPE search, multi-stage, pruning) from tuning.yaml or a tuning: section; exit 1 when no trial beats the baseline.',
  usage:
    'mlcycle tune [tuning.yaml | pipeline.yaml] [--trials N] [--timeout S] [--stage K] [--resume <studyId>] [--json <out.json|->] [--root <dir>]\n       mlcycle tune --promote <studyId> [--trial N] [--dry-run] [--json <out.json|->]',
  options: {
    trials: { type: 'string', description: 'run this many trials (with --resume: this many more)' },
    timeout: { type: 'string', description: 'start no trial after this many seconds' },
    stage: { type: 'string', description: 'run the stages up to this one (0 = the first) and stop' },
    promote: {
      type: 'string',
      description: "write this study's best trial (or --trial N) into the pipeline spec and train it as a normal run",
    },
    trial: { type: 'string', description: 'with --promote: the trial to promote (default: the best feasible one)' },
    'dry-run': { type: 'boolean', description: 'with --promote: show what would change, write nothing' },
    resume: {
      type: 'string',
      description: 'go on with this study: its interrupted trial runs again, then the rest of its budget',
    },
    json: {
      type: 'string',
      description:
        'also write the study as JSON ({studyId, best, baseline, beatBaseline, trials}) to this file ("-" for stdout only)',
    },
    root: {
      type: 'string',
      description:
        'the project folder (default: the folder above the spec, or the working directory, holding mlcycle.yaml)',
    },
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length > 1) throw new UsageError('Give at most one tuning spec.');
    const root = await projectRootFor(values, io, positionals[0]);
    if (typeof values.promote === 'string') {
      if (positionals.length > 0 || values.resume !== undefined)
        throw new UsageError('--promote <studyId> takes no tuning spec and no --resume.');
      return runPromotion(io, signal, root, values, wholeNumberOption(values, 'trial', true));
    }
    const params: TuneParams = { root };
    if (positionals[0] !== undefined) params.spec = projectPath(root, io, positionals[0]);
    if (typeof values.resume === 'string') {
      if (params.spec !== undefined) throw new UsageError('Give either a tuning spec or --resume <studyId>, not both.');
      params.resume = values.resume;
    }
    const trials = wholeNumberOption(values, 'trials');
    if (trials !== undefined) params.trials = trials;
    const timeout = wholeNumberOption(values, 'timeout');
    if (timeout !== undefined) params.timeoutSeconds = timeout;
    const stage = wholeNumberOption(values, 'stage', true);
    if (stage !== undefined) params.stage = stage;
    const result = await runWithProgressLine(io, 'tune', signal, (ctx) => tune(params, ctx));
    await writeResult(io, values.json, tuneJson(result), () => formatTuneReport(result), positionals);
    return result.beatBaseline ? EXIT.ok : EXIT.checkFailed;
  },
};
