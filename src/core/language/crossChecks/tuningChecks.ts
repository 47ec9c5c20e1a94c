// A tuning study checked as `mlcycle tune` reads it — the `tuning:` section of a pipeline spec,
// or a tuning.yaml against the spec its `spec:` names: every parameter against the model it
// belongs to (unknown names for the kind, low > high, a log range reaching 0), the metric
// against the task, the sampler's and pruner's options, the grid's size.
import { schemaFor } from '../../documents/schemaRegistry';
import { TUNING_FILE } from '../../project/projectFile';
import { parseStudySpec } from '../../tuning/studySpec';
import { checkAgainstSchema } from '../../yaml/schemaCheck';
import { pipelineOfTuningFile, studyPipelineOf } from '../tuningPipeline';
import type { CheckContext } from './checkContext';

export function checkTuningSection(ctx: CheckContext): void {
  const project = ctx.facts.project;
  if (!project || ctx.value.tuning === undefined) return;
  // The models' names and kinds as training defaults them; a spec with errors of its own is
  // reported by its other checks first.
  const pipeline = studyPipelineOf(ctx.text, project);
  if (!pipeline) return;
  const parsed = parseStudySpec(ctx.text, pipeline, { section: true });
  for (const p of parsed.problems) {
    if (p.path[0] !== 'tuning') continue;
    ctx.report(ctx.range(p.path, true), p.severity, 'tuning', p.message);
  }
}

/** The project's tuning.yaml. Its schema problems are the schema diagnostics' to report. */
export function checkTuningFile(ctx: CheckContext): void {
  const project = ctx.facts.project;
  if (!project) return;
  if (checkAgainstSchema(ctx.parsed, schemaFor('tuning'), []).some((p) => p.severity === 'error')) return;
  const lookup = pipelineOfTuningFile(ctx.text, ctx.facts.root, TUNING_FILE, project);
  if (!lookup.pipeline) {
    const at = 'spec' in ctx.value ? ['spec'] : [];
    ctx.report(ctx.range(at, at.length === 0), lookup.severity, 'tuning', lookup.problem);
    return;
  }
  for (const p of parseStudySpec(ctx.text, lookup.pipeline).problems)
    ctx.report(ctx.range(p.path, true), p.severity, 'tuning', p.message);
}
