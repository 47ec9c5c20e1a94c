// `mlcycle tune --promote <studyId> [--trial N] [--dry-run]`: a study's trial written into the
// pipeline spec (comments and order kept) and trained as a normal run. Exit 0 when the run's
// best model beats the baseline, 1 when it does not, 2 on bad input (a trial that is not
// complete, a study with several objectives and no --trial, a spec that no longer fits).
import { train } from '../core/model/train/train';
import { promoteTrial, type PromoteResult } from '../core/tuning/promote';
import type { SpecChange } from '../core/tuning/specEdit';
import type { CliIO } from './io';
import { EXIT } from './io';
import { runWithProgressLine, writeResult } from './jobOutput';
import { formatTrainReport } from './modelOutput';

const shown = (v: unknown) => (v === undefined ? '(default)' : typeof v === 'number' ? String(v) : JSON.stringify(v));

export function changeLine(c: SpecChange): string {
  return `  ${c.path}: ${shown(c.from)} -> ${shown(c.to)}`;
}

export function formatPromotion(r: PromoteResult): string {
  const { plan } = r;
  const values = plan.trial.values?.map((v, i) => `${plan.metrics[i]} ${v.toPrecision(4)}`).join(', ');
  const lines = [`Study ${plan.studyId}, trial ${plan.trial.number} (${values}), model ${plan.model}.`];
  lines.push(
    plan.changes.length
      ? `${r.run ? 'Wrote' : 'Would write'} into ${plan.specPath}:\n${plan.changes.map(changeLine).join('\n')}`
      : `${plan.specPath} already has these parameters.`,
  );
  for (const n of plan.notices) lines.push(`Note: ${n}`);
  if (r.run && r.promotion) {
    lines.push('', formatTrainReport(r.run).trimEnd());
    const drift = r.promotion.runValues
      .map((v, i) => ({ v, t: r.promotion!.values[i], m: plan.metrics[i] }))
      .filter(({ v, t }) => v === null || Math.abs(v - t) > 1e-9 * Math.max(1, Math.abs(t)));
    for (const d of drift)
      lines.push(
        `Note: the run's ${d.m} is ${d.v === null ? 'missing' : d.v.toPrecision(6)}, the trial's ${d.t.toPrecision(6)} (the data or the spec changed since the study).`,
      );
    lines.push(`Promoted into run ${r.run.runId}.`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runPromotion(
  io: CliIO,
  signal: AbortSignal,
  root: string,
  values: Record<string, unknown>,
  trial: number | undefined,
): Promise<number> {
  const result = await runWithProgressLine(io, 'promote', signal, (ctx) =>
    promoteTrial(
      {
        root,
        study: String(values.promote),
        ...(trial !== undefined ? { trial } : {}),
        dryRun: values['dry-run'] === true,
      },
      ctx,
      train,
    ),
  );
  const json = {
    studyId: result.plan.studyId,
    trial: result.plan.trial.number,
    model: result.plan.model,
    spec: result.plan.specPath,
    changes: result.plan.changes,
    runId: result.run?.runId ?? null,
    promotion: result.promotion ?? null,
    notices: result.plan.notices,
  };
  await writeResult(io, values.json, json, () => formatPromotion(result));
  if (!result.run) return EXIT.ok;
  return result.run.outcome === 'fail' ? EXIT.checkFailed : EXIT.ok;
}
