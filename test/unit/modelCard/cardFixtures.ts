// A temp penguins project with real (fast) runs for the model card tests, and the schema check.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import schema from '../../../schemas/model-card.schema.json';
import type { RunData } from '../../../src/core/model/runTypes';
import type { GeneratedInfo, ModelCard } from '../../../src/core/modelCard/modelCardTypes';
import { train } from '../../../src/core/model/train/train';
import { checkAgainstSchema } from '../../../src/core/yaml/schemaCheck';
import { parseYaml } from '../../../src/core/yaml/yamlDocument';
import { PENGUINS_SPEC, tempProject, testContext } from '../model/train/trainFixtures';

/** A second spec: another model and a dropped column, so a new run changes most machine values. */
export const OTHER_SPEC = `version: 1
split: { folds: 3 }
preprocess:
  drop: [{ column: Sex, reason: not recorded reliably }]
  scale: standard
models:
  - kind: gaussian_nb
evaluation:
  permutationRepeats: 0
`;

export async function trainedPenguins(runId = 'first', spec = PENGUINS_SPEC) {
  const project = tempProject('penguins', spec);
  // The example's own card describes a run this copy does not have: start without it.
  rmSync(join(project.root, 'docs/model-card.yaml'), { force: true });
  const result = await train({ root: project.root, runId }, testContext());
  return { ...project, run: result.run };
}

export async function trainAgain(root: string, runId: string, spec: string): Promise<RunData> {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(root, 'pipeline.yaml'), spec);
  return (await train({ root, runId }, testContext())).run;
}

/** Schema problems of a card's text ([] when valid). */
export function schemaProblems(text: string): string[] {
  return checkAgainstSchema(parseYaml(text), schema).map((p) => `${p.start.line}:${p.start.column} ${p.message}`);
}

export const readCard = (root: string) => readFileSync(join(root, 'docs/model-card.yaml'), 'utf8');
export const cardData = (text: string) => parse(text) as ModelCard & { generated: GeneratedInfo };
