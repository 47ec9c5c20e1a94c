// What the language features of a tuning study need from the pipeline spec it tunes: the task,
// the models' names and kinds, seed and primary metric. For the `tuning:` section of
// pipeline.yaml that is the document itself; a tuning.yaml names its spec in `spec:`, read from
// disk relative to the tuning file (and never from outside the project).
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { parsePipelineSpec, type PipelineProject } from '../model/spec/parsePipelineSpec';
import type { StudyPipeline } from '../tuning/spaceCompiler';
import { tuningSpecReference } from '../tuning/studySpec';

export type PipelineLookup =
  { pipeline: StudyPipeline } | { pipeline?: undefined; problem: string; severity: 'error' | 'information' };

/** The study's view of a parsed pipeline spec's text; undefined when the spec has errors of its own. */
export function studyPipelineOf(pipelineText: string, project: PipelineProject): StudyPipeline | undefined {
  const spec = parsePipelineSpec(pipelineText, project).spec;
  if (!spec) return undefined;
  return {
    task: spec.task,
    models: spec.models.map((m) => ({ name: m.name, kind: m.kind })),
    seed: spec.seed,
    primaryMetric: spec.evaluation.primaryMetric,
  };
}

/**
 * The pipeline a tuning file (`text`, at `tuningPath` relative to the project `root`) tunes, or
 * why it cannot be read: no `spec:`, a path outside the project, a missing file, a spec with errors.
 */
export function pipelineOfTuningFile(
  text: string,
  root: string,
  tuningPath: string,
  project: PipelineProject,
): PipelineLookup {
  const reference = tuningSpecReference(text);
  if (reference === undefined)
    return { problem: 'A tuning file names the pipeline spec it tunes in spec:.', severity: 'error' };
  const file = join(root, dirname(tuningPath), reference);
  const inside = relative(root, file);
  if (isAbsolute(reference) || inside.startsWith('..') || isAbsolute(inside))
    return {
      problem: `spec: ${reference} is outside the project folder; name a pipeline spec inside it.`,
      severity: 'error',
    };
  let pipelineText: string;
  try {
    pipelineText = readFileSync(file, 'utf8');
  } catch {
    return {
      problem: `The pipeline spec ${inside} does not exist (spec: is relative to the tuning file).`,
      severity: 'error',
    };
  }
  const pipeline = studyPipelineOf(pipelineText, project);
  if (!pipeline)
    return {
      problem: `${inside} has errors of its own: the search space is checked once the pipeline spec reads.`,
      severity: 'information',
    };
  return { pipeline };
}
