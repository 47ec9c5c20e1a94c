// Temporary copies of the example projects for the training tests: each test trains in its own
// folder (records and artifacts land in its .mlcycle/), with a pipeline spec of fast models.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobContext, JobProgress } from '../../../../src/protocol/jobs';

export const EXAMPLES = join(process.cwd(), 'examples');
export const SKLEARN_TRAINER = join(process.cwd(), 'test/fixtures/byo/train_sklearn.py');
/** Debian's python3 with scikit-learn (the one on PATH may lack it). */
export const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';

/** Fast but real models for penguins (classification). */
export const PENGUINS_SPEC = `version: 1
split: { folds: 3 }
preprocess:
  scale: standard
models:
  - kind: logistic_regression
  - name: forest
    kind: random_forest
    params: { n_estimators: 15, max_depth: 6 }
evaluation:
  permutationRepeats: 2
`;

export const CARS_SPEC = `version: 1
split: { folds: 3 }
preprocess:
  drop: [{ column: Name, reason: identifier }]
models:
  - kind: linear_regression
  - name: boosting
    kind: hist_gradient_boosting
    params: { max_iter: 30 }
evaluation:
  permutationRepeats: 2
`;

export function tempProject(example: 'penguins' | 'cars', spec?: string): { root: string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), `mlcycle-train-${example}-`));
  cpSync(join(EXAMPLES, example), root, { recursive: true, filter: (src) => !src.includes('.mlcycle') });
  if (spec !== undefined) writeFileSync(join(root, 'pipeline.yaml'), spec);
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** A job context that records progress; `abortAfter` aborts once a message matches. */
export function testContext(
  abortWhen?: (p: JobProgress) => boolean,
): JobContext & { progress: JobProgress[]; controller: AbortController } {
  const controller = new AbortController();
  const progress: JobProgress[] = [];
  return {
    controller,
    progress,
    signal: controller.signal,
    report(p) {
      progress.push(p);
      if (abortWhen?.(p)) controller.abort();
    },
  };
}
