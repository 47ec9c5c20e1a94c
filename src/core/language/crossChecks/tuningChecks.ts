// The `tuning:` section of a pipeline spec, checked as `mlcycle tune` reads it: every parameter
// against the model it belongs to (unknown names for the kind, low > high, a log range reaching
// 0), the metric against the task, the sampler's and pruner's options, the grid's size.
import { parsePipelineSpec } from '../../model/spec/parsePipelineSpec';
import { parseStudySpec } from '../../tuning/studySpec';
import type { CheckContext } from './checkContext';

export function checkTuningSection(ctx: CheckContext): void {
  const project = ctx.facts.project;
  if (!project || ctx.value.tuning === undefined) return;
  // The models' names and kinds as training defaults them; a spec with errors of its own is
  // reported by its other checks first.
  const pipeline = parsePipelineSpec(ctx.text, project).spec;
  if (!pipeline) return;
  const parsed = parseStudySpec(
    ctx.text,
    {
      task: pipeline.task,
      models: pipeline.models.map((m) => ({ name: m.name, kind: m.kind })),
      seed: pipeline.seed,
      primaryMetric: pipeline.evaluation.primaryMetric,
    },
    { section: true },
  );
  for (const p of parsed.problems) {
    if (p.path[0] !== 'tuning') continue;
    ctx.report(ctx.range(p.path, true), p.severity, 'tuning', p.message);
  }
}
