// Cross-file checks of the model card against the run records it was generated from: the run
// it names must exist, and each metric it states must agree with that run's recorded value
// (within the rounding the card wrote it with); a disagreement names both numbers and the run
// and offers "Update to <value>". A card that names no run gets an information.
//
// Card shapes accepted (the schema and the generator settle on one; both read here):
//   generated: { runId | run, model? }
//   metrics: [{ type | name, value, on?: holdout | cv, slice?, source? }]        (schema)
//   metrics: [{ name, holdout?, cv?: { mean, std } }]                            (generator)
import type { RunData, RunModelResult } from '../../model/runTypes';
import type { Position } from '../../yaml/yamlDocument';
import { list, record, str, type CheckContext } from './checkContext';

type Path = Array<string | number>;

/** The run and model a card (or one of its metrics) refers to. */
interface RunRef {
  id: string;
  path: Path;
}

function cardRun(ctx: CheckContext): RunRef | undefined {
  const generated = record(ctx.value.generated);
  for (const key of ['runId', 'run']) {
    const id = str(generated?.[key]);
    if (id) return { id, path: ['generated', key] };
  }
  return undefined;
}

/** How close a stated number must be: half a unit of its last written decimal. */
function tolerance(source: string, value: number): number {
  if (/e/i.test(source) || source === '') return Math.abs(value) * 1e-6 + 1e-12;
  const decimals = /\.(\d+)/.exec(source)?.[1].length ?? 0;
  return 0.5 * 10 ** -decimals + 1e-12;
}

/** The recorded value written with at least 4 decimals, and at least as many as the card used. */
function formatLike(value: number, source: string): string {
  const decimals = Math.min(12, Math.max(4, /\.(\d+)/.exec(source)?.[1].length ?? 0));
  return String(Number(value.toFixed(decimals)));
}

function recordedValue(
  model: RunModelResult,
  metric: string,
  on: 'holdout' | 'cv' | undefined,
): { value: number; on: 'holdout' | 'cv' } | undefined {
  const holdout = model.metrics.holdout?.[metric];
  const cv = model.metrics.cv?.[metric]?.mean;
  if (on !== 'cv' && typeof holdout === 'number') return { value: holdout, on: 'holdout' };
  if (on !== 'holdout' && typeof cv === 'number') return { value: cv, on: 'cv' };
  return undefined;
}

function compareValue(
  ctx: CheckContext,
  path: Path,
  stated: unknown,
  metric: string,
  run: RunData,
  model: RunModelResult,
  on: 'holdout' | 'cv' | undefined,
): void {
  if (typeof stated !== 'number') return;
  const range = ctx.range(path);
  const recorded = recordedValue(model, metric, on);
  if (!recorded) {
    ctx.report(
      range,
      'warning',
      'card-metric-mismatch',
      `Run ${run.runId} recorded no ${on ? `${on} ` : ''}${metric} for model ${model.name}.`,
    );
    return;
  }
  const source = ctx.source(range);
  if (Math.abs(stated - recorded.value) <= tolerance(source, stated)) return;
  const text = formatLike(recorded.value, source);
  ctx.report(
    range,
    'warning',
    'card-metric-mismatch',
    `${metric} is ${source || stated} here, but run ${run.runId} recorded ${text} (${recorded.on} of model ${model.name}).`,
    [{ title: `Update to ${text}`, edits: [{ ...range, newText: text }], preferred: true }],
  );
}

export function checkModelCard(ctx: CheckContext): void {
  const runs = ctx.facts.runs;
  const byId = new Map(runs.map((r) => [r.runId, r]));
  const unknownRun = (ref: RunRef): void => {
    const range = ctx.range(ref.path);
    const newest = runs[0]?.runId;
    ctx.report(
      range,
      'warning',
      'unknown-run',
      `There is no run "${ref.id}" in .mlcycle/runs (${newest ? `the newest is ${newest}` : 'no run is recorded'}).`,
      newest ? [ctx.replaceFix(range, newest, `Change to the newest run ${newest}`, false)] : undefined,
    );
  };

  const ref = cardRun(ctx);
  if (ref && !byId.has(ref.id)) unknownRun(ref);
  const chosenModel = str(record(ctx.value.generated)?.model);
  const cardRunData = ref ? byId.get(ref.id) : undefined;
  if (cardRunData && chosenModel && !cardRunData.models.some((m) => m.name === chosenModel)) {
    ctx.report(
      ctx.range(['generated', 'model']),
      'warning',
      'unknown-model',
      `Run ${cardRunData.runId} has no model "${chosenModel}" (its models: ${cardRunData.models.map((m) => m.name).join(', ')}).`,
    );
  }

  const metrics = list(ctx.value.metrics);
  let referenced = ref !== undefined;
  const reported = new Set<string>();
  metrics.forEach((item, i) => {
    const entry = record(item);
    if (!entry) return;
    const metric = str(entry.type) ?? str(entry.name);
    const sourceId = str(entry.source);
    let run = cardRunData;
    if (sourceId) {
      referenced = true;
      run = byId.get(sourceId);
      if (!run) {
        if (!reported.has(sourceId) && sourceId !== ref?.id)
          unknownRun({ id: sourceId, path: ['metrics', i, 'source'] });
        reported.add(sourceId);
        return;
      }
    }
    if (!run || !metric || entry.slice !== undefined) return; // slices: compared by the fairness analysis, not here
    const modelName = run === cardRunData && chosenModel ? chosenModel : run.bestModel;
    const model = run.models.find((m) => m.name === modelName);
    if (!model) return;
    const on = entry.on === 'holdout' || entry.on === 'cv' ? entry.on : undefined;
    compareValue(ctx, ['metrics', i, 'value'], entry.value, metric, run, model, on);
    compareValue(ctx, ['metrics', i, 'holdout'], entry.holdout, metric, run, model, 'holdout');
    compareValue(ctx, ['metrics', i, 'cv', 'mean'], record(entry.cv)?.mean, metric, run, model, 'cv');
  });

  if (!referenced) {
    const at: Position = { line: 1, column: 1 };
    const range = 'metrics' in ctx.value ? ctx.range(['metrics'], true) : { start: at, end: at };
    ctx.report(
      range,
      'information',
      'card-no-run',
      'This card names no recorded run, so its metrics cannot be checked. "ML Lifecycle: Generate Model Card" fills them from a run and records which.',
    );
  }
}
